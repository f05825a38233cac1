// Pure logic of exams: the server-synced countdown, the answer shape each
// question kind sends, attempts left, and the question-bank form ↔ API body.
import type { StartedAttempt } from '../api/exams';
import type {
  Exam, ExamAnswers, ExamAttemptQuestion, Id, Question, QuestionAnswer, QuestionInput, QuestionKind, QuestionOption,
} from '../api/types';

// ---- clock ----

/**
 * Server time minus phone time (ms), measured when the attempt arrived:
 * from the Date header when the server sent one, else from `started_at` of a
 * just-created attempt (the server stamped it a moment ago). null when neither
 * says anything (a resumed attempt without Date header).
 */
export function clockOffset(started: Pick<StartedAttempt, 'serverDate' | 'created' | 'receivedAt'> & { startedAt: string }): number | null {
  if (started.serverDate !== null) return started.serverDate - started.receivedAt;
  if (started.created) {
    const at = Date.parse(started.startedAt);
    if (!Number.isNaN(at)) return at - started.receivedAt;
  }
  return null;
}

/** Milliseconds left until `deadline` by the server's clock (never below 0). */
export function remainingMs(deadline: string, offsetMs: number, phoneNow: number = Date.now()): number {
  const end = Date.parse(deadline);
  if (Number.isNaN(end)) return 0;
  return Math.max(0, end - (phoneNow + offsetMs));
}

/** 09:05 or 1:02:03 (rounded up to whole seconds, so 0 shows only at the end). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

// ---- answers ----

/** What the phone form holds for one question, whatever its kind. */
export interface AnswerDraft {
  choice: string;
  choices: string[];
  truth: boolean | null;
  blanks: string[];
  text: string;
}

export function emptyDraft(blanks = 0): AnswerDraft {
  return { choice: '', choices: [], truth: null, blanks: Array.from({ length: blanks }, () => ''), text: '' };
}

/**
 * The answer the API expects for a kind: single "A"; multiple ["A","C"]
 * (in option order); true_false true/false; fill_blank one string per blank;
 * short_answer the text. null when nothing is answered yet.
 */
export function toApiAnswer(q: Pick<ExamAttemptQuestion, 'kind' | 'options' | 'blanks'>, d: AnswerDraft): QuestionAnswer {
  switch (q.kind) {
    case 'single':
      return d.choice || null;
    case 'multiple': {
      const order = q.options.map((o) => o.key);
      const picked = order.filter((k) => d.choices.includes(k));
      return picked.length ? picked : null;
    }
    case 'true_false':
      return d.truth;
    case 'fill_blank': {
      const values = Array.from({ length: q.blanks }, (_, i) => (d.blanks[i] ?? '').trim());
      return values.some((v) => v !== '') ? values : null;
    }
    case 'short_answer':
      return d.text.trim() ? d.text : null;
  }
}

/** The form state of a saved answer (resuming an attempt). */
export function draftFromAnswer(q: Pick<ExamAttemptQuestion, 'kind' | 'blanks'>, answer: QuestionAnswer | undefined): AnswerDraft {
  const d = emptyDraft(q.kind === 'fill_blank' ? q.blanks : 0);
  if (answer === null || answer === undefined) return d;
  switch (q.kind) {
    case 'single':
      if (typeof answer === 'string') d.choice = answer;
      break;
    case 'multiple':
      if (Array.isArray(answer)) d.choices = [...answer];
      break;
    case 'true_false':
      if (typeof answer === 'boolean') d.truth = answer;
      break;
    case 'fill_blank':
      if (Array.isArray(answer)) d.blanks = d.blanks.map((_, i) => answer[i] ?? '');
      break;
    case 'short_answer':
      if (typeof answer === 'string') d.text = answer;
      break;
  }
  return d;
}

/** The PUT /answers body of all questions (unanswered ones as null). */
export function answersBody(questions: ExamAttemptQuestion[], drafts: Record<Id, AnswerDraft>): ExamAnswers {
  const out: ExamAnswers = {};
  for (const q of questions) out[String(q.id)] = toApiAnswer(q, drafts[q.id] ?? emptyDraft(q.blanks));
  return out;
}

export function isAnswered(answer: QuestionAnswer): boolean {
  return answer !== null && !(Array.isArray(answer) && answer.length === 0);
}

/** A correct answer as one line: "A, C", "正确"/"错误" via the labels, "x / y" per blank. */
export function answerText(answer: QuestionAnswer | undefined, labels: { yes: string; no: string }): string {
  if (answer === null || answer === undefined) return '';
  if (typeof answer === 'boolean') return answer ? labels.yes : labels.no;
  if (Array.isArray(answer)) return answer.join('，');
  return answer;
}

// ---- attempts ----

export interface AttemptsInfo {
  used: number;
  left: number;
  /** An unfinished attempt to continue (POST answers it again). */
  inProgressId: Id | null;
  /** The start/continue button is worth showing. */
  canStart: boolean;
}

export function attemptsInfo(exam: Pick<Exam, 'attempts_allowed' | 'my_attempts'>): AttemptsInfo {
  const mine = exam.my_attempts ?? [];
  const open = mine.find((a) => a.status === 'in_progress') ?? null;
  const used = mine.length;
  const left = Math.max(0, exam.attempts_allowed - used);
  return { used, left, inProgressId: open?.id ?? null, canStart: open !== null || left > 0 };
}

/** Whether now (server-adjusted) is inside opens_at..closes_at. */
export function examOpen(exam: Pick<Exam, 'opens_at' | 'closes_at'>, now: number = Date.now()): boolean {
  if (exam.opens_at && now < Date.parse(exam.opens_at)) return false;
  if (exam.closes_at && now >= Date.parse(exam.closes_at)) return false;
  return true;
}

// ---- question bank form ----

export const QUESTION_KINDS: QuestionKind[] = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer'];

/** A, B, …, Z, then AA… (never needed in practice). */
export function optionKey(index: number): string {
  const letter = (i: number) => String.fromCharCode(65 + i);
  return index < 26 ? letter(index) : `${letter(Math.floor(index / 26) - 1)}${letter(index % 26)}`;
}

export interface QuestionForm {
  kind: QuestionKind;
  stem: string;
  /** Texts of options A, B, C… in order. */
  options: string[];
  single: string;
  multiple: string[];
  truth: boolean;
  /** One entry per blank; alternatives separated by |. */
  blanks: string[];
  reference: string;
  points: number;
  tags: string[];
  course_id: Id | null;
}

export function blankQuestionForm(kind: QuestionKind = 'single'): QuestionForm {
  return {
    kind, stem: '', options: ['', '', '', ''], single: '', multiple: [], truth: true, blanks: [''], reference: '',
    points: 1, tags: [], course_id: null,
  };
}

export function questionFormOf(q: Question): QuestionForm {
  const f = blankQuestionForm(q.kind);
  Object.assign(f, { stem: q.stem, points: q.points, tags: [...q.tags], course_id: q.course_id });
  if (q.kind === 'single' || q.kind === 'multiple') f.options = q.options.map((o) => o.text);
  if (q.kind === 'single' && typeof q.answer === 'string') f.single = q.answer;
  if (q.kind === 'multiple' && Array.isArray(q.answer)) f.multiple = [...q.answer];
  if (q.kind === 'true_false' && typeof q.answer === 'boolean') f.truth = q.answer;
  if (q.kind === 'fill_blank' && Array.isArray(q.answer)) f.blanks = q.answer.length ? [...q.answer] : [''];
  if (q.kind === 'short_answer' && typeof q.answer === 'string') f.reference = q.answer;
  return f;
}

export type QuestionFormProblem = 'stem' | 'options' | 'answer' | 'blanks' | 'points';

/** The first thing to fix before saving, or null. */
export function questionFormProblem(f: QuestionForm): QuestionFormProblem | null {
  if (!f.stem.trim()) return 'stem';
  if (!(f.points > 0)) return 'points';
  if (f.kind === 'single' || f.kind === 'multiple') {
    const filled = f.options.filter((o) => o.trim() !== '');
    if (filled.length < 2 || filled.length !== f.options.length) return 'options';
    const keys = f.options.map((_, i) => optionKey(i));
    if (f.kind === 'single' && !keys.includes(f.single)) return 'answer';
    if (f.kind === 'multiple' && (f.multiple.length === 0 || f.multiple.some((k) => !keys.includes(k)))) return 'answer';
  }
  if (f.kind === 'fill_blank' && (f.blanks.length === 0 || f.blanks.some((b) => !b.trim()))) return 'blanks';
  return null;
}

/** The POST/PATCH body of the form. */
export function questionInputOf(f: QuestionForm): QuestionInput {
  const base = {
    kind: f.kind, stem: f.stem.trim(), points: f.points,
    tags: f.tags.map((s) => s.trim()).filter(Boolean), course_id: f.course_id,
  };
  switch (f.kind) {
    case 'single':
    case 'multiple': {
      const options: QuestionOption[] = f.options.map((text, i) => ({ key: optionKey(i), text: text.trim() }));
      const keys = options.map((o) => o.key);
      const answer = f.kind === 'single' ? f.single : keys.filter((k) => f.multiple.includes(k));
      return { ...base, options, answer };
    }
    case 'true_false':
      return { ...base, options: [], answer: f.truth };
    case 'fill_blank':
      return {
        ...base, options: [],
        answer: f.blanks.map((b) => b.split('|').map((s) => s.trim()).filter(Boolean).join('|')),
      };
    case 'short_answer':
      return { ...base, options: [], answer: f.reference.trim() || null };
  }
}
