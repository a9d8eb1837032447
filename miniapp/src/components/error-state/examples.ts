import { ApiError } from '../../api/errors';
import type { ErrorStateProps } from './index';

const offline = new ApiError('NETWORK_ERROR', 0);
const notFound = new ApiError('NOT_FOUND', 404);

export const errorStateExamples: Array<{ name: string; props: ErrorStateProps; labels: string[] }> = [
  { name: 'offline, retryable', props: { message: offline.message, onRetry: () => undefined }, labels: [offline.message, '重试'] },
  { name: 'not found', props: { message: notFound.message }, labels: [notFound.message] },
];
