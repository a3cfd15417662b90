import { z } from 'zod';
import { SERVER_URL_MAX, serverUrlProblem } from './server-url-rules';

/**
 * A server URL as settings and sign-in accept it: '' (the built-in server), https://, or http://
 * (plain http to a host other than this computer still needs the user's confirmation in main,
 * see main/services/server-change-guard.ts).
 */
export const ServerUrlSchema = z
  .string()
  .max(SERVER_URL_MAX + 256)
  .trim()
  .superRefine((value, ctx) => {
    const problem = serverUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
