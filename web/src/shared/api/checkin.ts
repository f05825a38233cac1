// /sessions/{id}/...: the rotating check-in QR code, QR check-in and attendance.
import type { ApiClient } from './client';
import type { AttendanceRecord, AttendanceUpdate, CheckinResult, Id, SessionQr } from './types';

export interface CheckinApi {
  /** The current token and URL (HR, instructors of the training). */
  qr(sessionId: Id): Promise<SessionQr>;
  /** The same URL as a PNG QR code (fetched with the token; show via an object URL). */
  qrPng(sessionId: Id): Promise<Blob>;
  /** 422 checkin_token_invalid / checkin_window_closed, 403 not_enrolled. The caller shows the error. */
  checkin(sessionId: Id, token: string): Promise<CheckinResult>;
  /** Every enrolled employee with present / checked_in_at. */
  attendance(sessionId: Id): Promise<AttendanceRecord[]>;
  /** Manual correction by HR (audited; credits or reverses hours). */
  setAttendance(sessionId: Id, employeeId: Id, update: AttendanceUpdate): Promise<AttendanceRecord>;
}

export function createCheckinApi(client: ApiClient): CheckinApi {
  return {
    qr: (sessionId) => client.json<SessionQr>(`/sessions/${sessionId}/qr`),
    qrPng: (sessionId) => client.blob(`/sessions/${sessionId}/qr.png`),
    checkin: (sessionId, token) =>
      client.json<CheckinResult>(`/sessions/${sessionId}/checkin`, { method: 'POST', json: { token }, showError: false }),
    attendance: async (sessionId) =>
      (await client.json<{ items: AttendanceRecord[] }>(`/sessions/${sessionId}/attendance`)).items,
    setAttendance: (sessionId, employeeId, update) =>
      client.json<AttendanceRecord>(`/sessions/${sessionId}/attendance/${employeeId}`, { method: 'PUT', json: update }),
  };
}
