// What the audit log can hold (api/openapi.yaml AuditEntity / AuditAction), in
// the order the filters offer them.
import type { AuditAction, AuditEntity } from '@shared/api/types';

export const AUDIT_ENTITIES: readonly AuditEntity[] = [
  'employee',
  'user',
  'branch',
  'department',
  'course',
  'training',
  'enrollment',
  'attendance',
  'submission',
  'file',
  'question',
  'exam',
  'exam_attempt',
  'feedback',
  'like',
  'points',
  'points_rules',
  'performance_cycle',
  'performance_template',
  'performance_manual',
  'reward',
  'redemption',
  'bonus_tiers',
  'bonus_pool',
  'leaderboard_settings',
];

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'create',
  'update',
  'delete',
  'import',
  'submit',
  'checkin',
  'login',
  'login_failed',
  'logout',
  'password',
  'close',
  'reopen',
  'recompute',
];
