// One table of error codes for the BFF and the mini-app (DESIGN.md §5). The BFF sends
// {"error":{"code","message"}} with `status`; the mini-app shows `message` (plain Chinese) and may
// override it by code. Add a code here before using it anywhere.
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: '填写的信息有误，请检查后重试' },
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  REFRESH_TOKEN_INVALID: { status: 401, message: '登录状态已失效，请重新登录' },
  OTP_INVALID: { status: 401, message: '验证码不正确或已过期' },
  PLATFORM_LOGIN_FAILED: { status: 401, message: '平台登录失败，请重试' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  ON_BEHALF_NOT_ALLOWED: { status: 403, message: '您没有代此人办理的授权' },
  NOT_FOUND: { status: 404, message: '没有找到相关内容' },
  /** A clerk's look-up by ID number found no one it may show: the same answer whatever the reason. */
  RESIDENT_NOT_FOUND: { status: 404, message: '没有找到该身份证号的居民，请核对号码；未登记的居民请先到窗口办理实名登记' },
  CONFLICT: { status: 409, message: '操作冲突，请刷新后重试' },
  ALREADY_VERIFIED: { status: 409, message: '您已完成实名认证' },
  TICKET_ALREADY_ACTIVE: { status: 409, message: '您在该大厅已有这项业务的排队号，请勿重复取号' },
  TICKET_STATE: { status: 409, message: '该号码当前状态不能进行此操作' },
  COUNTER_NOT_OPEN: { status: 409, message: '窗口未开放，请先开启窗口再叫号' },
  COUNTER_BUSY: { status: 409, message: '请先办结或过号当前号码，再叫下一位' },
  COUNTER_WRONG_SERVICE: { status: 409, message: '该窗口不办理此类业务，请选择其他窗口' },
  SLOT_FULL: { status: 409, message: '该时段已约满' },
  SLOT_WITHDRAWN: { status: 409, message: '该时段已停止预约，请选择其他时段' },
  APPOINTMENT_LIMIT_SERVICE_DAY: { status: 409, message: '您当天已预约过这项业务，每人每天每项业务只能预约一次' },
  APPOINTMENT_LIMIT_TOTAL: { status: 409, message: '您已有3个未完成的预约，请办理或取消后再预约' },
  APPOINTMENT_STATE: { status: 409, message: '该预约当前状态不能进行此操作' },
  APPOINTMENT_CHANGE_CLOSED: { status: 409, message: '距预约开始已不足30分钟，不能在线取消或改约，如有需要请联系大厅' },
  WAITLIST_SLOT_OPEN: { status: 409, message: '该时段还有名额，可直接预约' },
  WAITLIST_ALREADY: { status: 409, message: '您已在该时段的候补名单中' },
  WAITLIST_LIMIT: { status: 409, message: '您已有3个候补，请等待结果或取消后再候补' },
  WAITLIST_STATE: { status: 409, message: '该候补当前状态不能进行此操作' },
  APPEAL_STATE: { status: 409, message: '该暂停已申诉或已处理，不能重复申诉' },
  GRANT_DUPLICATE: { status: 409, message: '你们之间已有待确认或生效中的授权，不能重复授权' },
  GRANT_FAMILY_LIMIT: { status: 409, message: '最多授权5位亲友代办（含待确认的邀请），请先撤销不再需要的授权' },
  GRANT_GRANTEE_LIMIT: { status: 409, message: '代办人可代办的人数已满：亲友最多为5人代办，网格员最多为五百人代办' },
  GRANT_AWAITING_OTHER_SIDE: { status: 409, message: '这项授权需要由对方确认，请等待对方处理' },
  GRANT_FORM_NUMBER_USED: { status: 409, message: '该授权书编号已登记过，请核对纸质授权书上的编号' },
  GRANT_STATE: { status: 409, message: '该授权已处理或已结束，请刷新后查看' },
  /** The other side said no to this person's invitation or request within a day: the message says from when they may ask again. */
  GRANT_COOLDOWN: { status: 409, message: '对方刚拒绝了您的代办邀请或申请，24小时后才能再次向对方发起' },
  /** 这不是我授权的 on an act that was not done (its outcome FAIL): nothing to dispute. */
  ACTIVITY_NOT_DISPUTABLE: { status: 409, message: '这次代办没有办成，没有对您产生影响，无需提出异议' },
  GRID_CONSENT_ACTIVE: { status: 409, message: '该居民已授权您代办，授权有效期内无需再次请求' },
  GRID_TASK_DUPLICATE: { status: 409, message: '该居民这项业务已有未完成的上门帮办任务' },
  GRID_TASK_STATE: { status: 409, message: '该任务当前状态不能进行此操作，请刷新后查看' },
  /** 亮证 verification: the same token was already scanned once (single use, DESIGN.md §4). */
  LICENCE_TOKEN_USED: { status: 409, message: '该亮证码已被核验过，请让对方刷新后重新出示' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: '重复的请求标识用于了不同的操作' },
  OFFICE_CLOSED: { status: 422, message: '大厅现在不在办公时间，请在办公时间内取号' },
  SERVICE_NOT_OFFERED: { status: 422, message: '该大厅不办理这项业务，请选择其他大厅' },
  APPOINTMENT_NOT_OFFERED: { status: 422, message: '该大厅暂不提供这项业务的网上预约，可直接到窗口办理' },
  SLOT_NOT_RELEASED: { status: 422, message: '该时段尚未放号，请在放号后预约' },
  SLOT_PAST: { status: 422, message: '该时段已过，请选择其他时段' },
  APPOINTMENT_SUSPENDED: { status: 422, message: '因30天内3次预约未到，网上预约已暂停7天；可到大厅现场办理，或提出申诉' },
  CHECK_IN_NOT_OPEN: { status: 422, message: '还没到签到时间，请在预约开始前30分钟内签到' },
  CHECK_IN_CLOSED: { status: 422, message: '已过签到时间（预约开始后15分钟），请到窗口现场取号办理' },
  CHECK_IN_WRONG_HALL: { status: 422, message: '签到码不属于您预约的大厅，请扫描预约大厅的签到码' },
  CHECK_IN_CODE_EXPIRED: { status: 422, message: '签到码已过期：签到码每天更换，请扫描或输入大厅窗口显示的今天的签到码' },
  QUEUE_FULL_TODAY: { status: 422, message: '今日线上取号已满，可到现场窗口取号或明天再来' },
  ID_NUMBER_INVALID: { status: 422, message: '身份证号码不正确，请核对' },
  NAME_INVALID: { status: 422, message: '姓名格式不正确' },
  /** The identity platform did not confirm the pair; says nothing about other accounts. */
  REAL_NAME_MISMATCH: { status: 422, message: '姓名与身份证号码未通过核验，请对照身份证逐字核对后重试' },
  PHONE_INVALID: { status: 422, message: '手机号码格式不正确' },
  GRANT_SELF: { status: 422, message: '不能授权给自己' },
  GRANT_WITNESS_PARTY: { status: 422, message: '见证人不能是代办人或授权人本人，请由其他工作人员见证' },
  GRANT_PHONE_NOT_REGISTERED: { status: 422, message: '该手机号还没有使用过掌上办，请对方先用这个手机号登录一次' },
  GRANT_RELATION_GRID_WORKER: { status: 422, message: '对方不是网格员，不能选择网格员或代办员关系' },
  GRANT_VALIDITY_INVALID: { status: 422, message: '有效期可选今天起1年以内，网格员授权90天以内' },
  GRANT_SERVICE_UNKNOWN: { status: 422, message: '选择的办理事项不存在，请重新选择' },
  GRID_RESIDENT_NO_PHONE: { status: 422, message: '该居民没有手机，不能在手机上确认授权；请陪同居民到窗口办理见证授权' },
  GRID_CONSENT_REQUIRED: { status: 422, message: '请先请求该居民授权，居民确认前可以先安排上门，代办须等授权生效' },
  GRID_TASK_DATE_INVALID: { status: 422, message: '计划上门日期须在今天起半年以内' },
  GRID_SERVICE_NOT_PROXY: { status: 422, message: '这项业务须本人到场办理，不能代办' },
  LICENCE_PURPOSE_UNKNOWN: { status: 422, message: '没有这项用证事由，请重新选择' },
  LICENCE_PURPOSE_MISMATCH: { status: 422, message: '这项事由不使用该类证照，请选择其他证照或事由' },
  LICENCE_REVOKED: { status: 422, message: '该证照已被发证机关注销，不能出示或核验' },
  LICENCE_EXPIRED: { status: 422, message: '该证照已过有效期，不能出示或核验' },
  /** 免证办 in a booking: the licence named for a material is refused (422, nothing booked). */
  LICENCE_NOT_SUBJECTS: { status: 422, message: '所选证照不是办事人本人的，不能用来免交材料' },
  LICENCE_NOT_VALID: { status: 422, message: '所选证照已注销或已过期，不能用来免交材料，请带上纸质材料' },
  LICENCE_MATERIAL_MISMATCH: { status: 422, message: '所选证照不能替代这项材料，请重新选择' },
  LICENCE_SYNC_NEEDS_REAL_NAME: { status: 422, message: '请先完成实名认证，再同步电子证照' },
  /** 亮证 verification refusals, one code each (the clerk's screen says which). */
  LICENCE_TOKEN_INVALID: { status: 422, message: '亮证码无效或已被篡改，请让对方重新出示' },
  LICENCE_TOKEN_EXPIRED: { status: 422, message: '亮证码已过期，请让对方刷新后重新出示' },
  LICENCE_TOKEN_AUDIENCE: { status: 422, message: '这不是用于证照核验的码' },
  LICENCE_TOKEN_TYPE: { status: 422, message: '这不是亮证码' },
  LICENCE_TOKEN_ALGORITHM: { status: 422, message: '亮证码的签名方式不被接受' },
  LICENCE_TOKEN_KEY_UNKNOWN: { status: 422, message: '亮证码的签名密钥未知，请让对方刷新后重新出示' },
  REQUEST_TIMEOUT: { status: 408, message: '请求超时，请重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '提交的内容格式不正确' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  /** Invitations and requests naming a phone, per person and business day (GRANT_PHONE_REQUESTS_PER_DAY). */
  GRANT_DAILY_LIMIT: { status: 429, message: '今天发起的代办邀请和申请次数已达上限，请明天再试' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求的网址或请求头过长' },
  LICENCE_SIGNING_UNAVAILABLE: { status: 503, message: '亮证服务暂未开通，请出示实体证件' },
  UPSTREAM_UNAVAILABLE: { status: 503, message: '外部服务暂时不可用，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The error body every non-2xx response carries. */
export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}

export function errorMessage(code: string): string {
  return (ERROR_CODES as Record<string, { message: string }>)[code]?.message ?? ERROR_CODES.INTERNAL.message;
}
