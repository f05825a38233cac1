// Server error codes (docs/api-contract.md) → what a user reads.
// Codes without an entry fall back to the server's own (localised) message.
export default {
  codes: {
    invalid_json: '请求格式错误',
    invalid_parameter: '查询参数有误',
    unauthorized: '登录已过期，请重新登录',
    invalid_credentials: '用户名或密码错误',
    forbidden: '没有权限执行此操作',
    not_found: '记录不存在或无权访问',
    method_not_allowed: '不支持的操作',
    conflict: '数据冲突',
    payload_too_large: '内容过大',
    unsupported_media_type: '文件类型不正确',
    validation_failed: '填写内容有误',
    too_many_attempts: '登录失败次数过多，请15分钟后再试',
    account_inactive: '该账号已停用（员工已离职），无法登录',
    database_unavailable: '数据库暂时无法连接，请稍后再试',
    internal: '服务器内部错误，请稍后再试',
    network_error: '无法连接服务器，请检查网络',
    bad_response: '服务器响应异常',
    // training loop (docs/api-training.md)
    checkin_token_invalid: '签到码已过期，请重新扫码',
    checkin_window_closed: '不在签到时间内',
    not_enrolled: '您未报名该培训',
    training_full: '报名人数已满',
    already_reviewed: '心得已评阅，不能再修改',
    attempts_exhausted: '考试次数已用完',
    exam_closed: '考试不在开放时间内',
    attempt_expired: '考试时间已到',
    attempt_finished: '本次考试已交卷',
    not_submitted: '答卷尚未交卷',
    feedback_exists: '已评价',
    feedback_disabled: '本培训未开启评价',
    unsupported_file_type: '不支持的文件类型，请上传图片（JPEG/PNG/WebP/HEIC）或 PDF',
  },
  // A 409 names the clashing field; these read better than the bare code.
  conflictFields: {
    employee_no: '工号已存在',
    login: '登录名已被使用',
    name: '名称已存在',
  },
  // Toast text of an error with field details from the server.
  withDetails: '{summary}：{details}',
  detailJoiner: '；',
  unknown: '操作失败',
};
