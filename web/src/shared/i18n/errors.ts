// Server error codes → i18n keys, so a Chinese user reads Chinese whatever
// the server said. Unknown codes fall back to the server's message (already
// in the user's language through Accept-Language).
import { useI18n } from 'vue-i18n';
import type { ApiError } from '../api/client';

/** The slice of vue-i18n's composer this needs (easy to fake in tests). */
export interface Translator {
  t(key: string, named?: Record<string, unknown>): string;
  te(key: string): boolean;
}

export function errorCodeKey(code: string): string {
  return `errors.codes.${code}`;
}

/** Codes whose details are worth showing in a one-line message. */
const CODES_WITH_DETAILS = new Set(['validation_failed', 'invalid_parameter', 'conflict']);

/** One line for a toast or a form alert. */
export function describeError(error: Pick<ApiError, 'code' | 'message' | 'details'>, tr: Translator): string {
  if (error.code === 'conflict') {
    for (const d of error.details) {
      const key = `errors.conflictFields.${d.field ?? ''}`;
      if (d.field && tr.te(key)) return tr.t(key);
    }
  }
  const key = errorCodeKey(error.code);
  const summary = tr.te(key) ? tr.t(key) : error.message || tr.t('errors.unknown');
  const details = CODES_WITH_DETAILS.has(error.code)
    ? error.details.map((d) => d.message).filter((m) => m && m !== summary)
    : [];
  if (details.length === 0) return summary;
  return tr.t('errors.withDetails', { summary, details: details.join(tr.t('errors.detailJoiner')) });
}

/** Adapts a vue-i18n composer (typed keys) to the plain Translator above. */
export function translatorOf(composer: {
  t: (key: string, named: Record<string, unknown>) => string;
  te: (key: string) => boolean;
}): Translator {
  return { t: (key, named = {}) => composer.t(key, named), te: (key) => composer.te(key) };
}

/** describeError bound to the component's i18n (for forms that show errors inline). */
export function useDescribeError(): (error: Pick<ApiError, 'code' | 'message' | 'details'>) => string {
  const { t, te } = useI18n();
  const tr: Translator = { t: (key, named = {}) => t(key, named), te: (key) => te(key) };
  return (error) => describeError(error, tr);
}
