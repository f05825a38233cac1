import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import en from '../locales/en';
import zhCN from '../locales/zh-CN';
import { createLuodiI18n, loadLocale } from './index';
import { describeError, errorCodeKey, translatorOf, type Translator } from './errors';

function translator(locale: 'zh-CN' | 'en'): Translator {
  const i18n = createLuodiI18n(locale);
  return translatorOf(i18n.global as unknown as Parameters<typeof translatorOf>[0]);
}

const err = (code: string, message = '', details: ApiError['details'] = []) => new ApiError(400, code, message, details);

describe('error code → i18n', () => {
  const zh = translator('zh-CN');
  const english = translator('en');

  it('maps the login errors to the agreed Chinese and English texts', () => {
    expect(describeError(err('invalid_credentials', 'whatever the server said'), zh)).toBe('用户名或密码错误');
    expect(describeError(err('too_many_attempts'), zh)).toBe('登录失败次数过多，请15分钟后再试');
    expect(describeError(err('invalid_credentials'), english)).toBe('Wrong user name or password');
  });

  it('has a text for every code of the contract in both languages', () => {
    const contractCodes = [
      'invalid_json', 'invalid_parameter', 'unauthorized', 'invalid_credentials', 'forbidden', 'not_found',
      'method_not_allowed', 'conflict', 'payload_too_large', 'unsupported_media_type', 'validation_failed',
      'too_many_attempts', 'internal', 'network_error', 'bad_response',
    ];
    for (const code of contractCodes) {
      expect(zh.te(errorCodeKey(code)), code).toBe(true);
      expect(english.te(errorCodeKey(code)), code).toBe(true);
    }
  });

  it('maps the training-loop codes to the agreed Chinese texts', () => {
    expect(describeError(err('checkin_token_invalid', 'x', [{ field: 'token', message: 'x' }]), zh)).toBe('签到码已过期，请重新扫码');
    expect(describeError(err('checkin_window_closed'), zh)).toBe('不在签到时间内');
    expect(describeError(err('not_enrolled'), zh)).toBe('您未报名该培训');
    for (const code of ['training_full', 'already_reviewed', 'unsupported_file_type']) {
      expect(zh.te(errorCodeKey(code)), code).toBe(true);
      expect(english.te(errorCodeKey(code)), code).toBe(true);
    }
  });

  it('names the clashing field of a conflict when it knows it', () => {
    expect(describeError(err('conflict', 'dup', [{ field: 'employee_no', message: '重复' }]), zh)).toBe('工号已存在');
    expect(describeError(err('conflict', 'dup', [{ field: 'other', message: '已被占用' }]), zh)).toBe('数据冲突：已被占用');
  });

  it('adds the server field messages of a validation error', () => {
    const e = err('validation_failed', '校验失败', [
      { field: 'name', message: '名称不能为空' },
      { field: 'kind', message: '类型无效' },
    ]);
    expect(describeError(e, zh)).toBe('填写内容有误：名称不能为空；类型无效');
    expect(describeError(e, english)).toBe('Some fields are invalid: 名称不能为空; 类型无效');
  });

  it('falls back to the server message for unknown codes, then to a generic text', () => {
    expect(describeError(err('quota_exceeded', '配额已用完'), zh)).toBe('配额已用完');
    expect(describeError(err('quota_exceeded', ''), zh)).toBe('操作失败');
  });
});

describe('locales', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

  it('zh-CN and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('defaults to zh-CN and restores a saved choice', () => {
    const storage = (v: string | null) => ({ getItem: () => v });
    expect(loadLocale(storage(null))).toBe('zh-CN');
    expect(loadLocale(storage('en'))).toBe('en');
    expect(loadLocale(storage('fr'))).toBe('zh-CN');
  });
});
