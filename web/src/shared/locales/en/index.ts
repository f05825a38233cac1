import type { MessageSchema } from '../zh-CN';
import audit from './audit';
import auth from './auth';
import common from './common';
import employee from './employee';
import incentives from './incentives';
import incentivesAdmin from './incentivesAdmin';
import errors from './errors';
import mobile from './mobile';
import org from './org';
import training from './training';

const en: MessageSchema = { common, auth, errors, org, employee, audit, mobile, training, incentives, incentivesAdmin };
export default en;
