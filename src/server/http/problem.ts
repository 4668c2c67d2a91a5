import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './errors.ts';

/** RFC 9457 problem+json body. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [k: string]: unknown;
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

type ProblemInput = { status: number; code: string; detail: string; errors?: FieldError[]; [k: string]: unknown };

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: ProblemInput) {
  const body: Problem = {
    ...p,
    type: `https://tandem.dev/problems/${p.code}`,
    title: TITLES[p.status] ?? 'Error',
    instance: request.url.split('?')[0],
    requestId: request.id,
  };
  return reply.status(p.status).type('application/problem+json').send(body);
}

function fieldOf(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const key = (params?.issue as { keys?: string[] })?.keys?.[0];
  const parts = [context === 'querystring' ? 'query' : context, path, key].filter(Boolean);
  return parts.join('.') || 'body';
}

/** Renders every error as problem+json: validation errors name each field and what to fix. */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const { fields, ...rest } = error.details;
    return sendProblem(reply, request, { status: error.status, code: error.code, detail: error.message, errors: fields, ...rest });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const ctx = (error as { validationContext?: string }).validationContext;
    const errors = error.validation.map((v) => ({
      field: fieldOf(ctx, v.instancePath, v.params as Record<string, unknown>),
      message: v.message ?? 'is invalid',
    }));
    const list = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return sendProblem(reply, request, {
      status: 400,
      code: 'validation_failed',
      detail: `The request is invalid. Fix these fields: ${list}`,
      errors,
    });
  }
  const fe = error as FastifyError;
  if (fe.statusCode === 429) {
    return sendProblem(reply, request, { status: 429, code: 'rate_limited', detail: 'Too many requests. Wait a minute and try again.' });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : 'bad_request';
    return sendProblem(reply, request, { status: fe.statusCode, code, detail: fe.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, request, {
    status: 500,
    code: 'internal',
    detail: 'Something went wrong on our side. The request id identifies it in the logs.',
  });
}
