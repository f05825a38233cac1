import type zh from '../zh-CN/errors';

export default {
  codes: {
    invalid_json: 'Malformed request',
    invalid_parameter: 'Invalid query parameter',
    unauthorized: 'Your session has expired, please log in again',
    invalid_credentials: 'Wrong user name or password',
    forbidden: 'You are not allowed to do this',
    not_found: 'Not found, or not visible to you',
    method_not_allowed: 'Operation not supported',
    conflict: 'Conflicting data',
    payload_too_large: 'Content too large',
    unsupported_media_type: 'Wrong file type',
    validation_failed: 'Some fields are invalid',
    too_many_attempts: 'Too many failed logins, please try again in 15 minutes',
    internal: 'Server error, please try again later',
    network_error: 'Cannot reach the server, check your network',
    bad_response: 'Unexpected server response',
    checkin_token_invalid: 'The check-in code has expired, scan again',
    checkin_window_closed: 'Check-in is not open at this time',
    not_enrolled: 'You are not enrolled in this training',
    training_full: 'The training is full',
    already_reviewed: 'The reflection has been reviewed and can no longer be changed',
    unsupported_file_type: 'Unsupported file type; upload an image (JPEG/PNG/WebP/HEIC) or a PDF',
  },
  conflictFields: {
    employee_no: 'Employee number already exists',
    login: 'Login name already taken',
    name: 'Name already exists',
  },
  // Toast text of an error with field details from the server.
  withDetails: '{summary}: {details}',
  detailJoiner: '; ',
  unknown: 'Operation failed',
} satisfies typeof zh;
