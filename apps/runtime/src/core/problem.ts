import { HttpException } from '@nestjs/common';

/** An RFC 9457-style error body: what went wrong, where, and how to fix it. */
export interface ProblemBody {
  status: number;
  code: string;
  message: string;
  problems?: { path: string; code: string; message: string; severity?: string }[];
}

/** Throws a JSON problem with a stable code; controllers never leak stack traces. */
export class ApiProblem extends HttpException {
  constructor(status: number, code: string, message: string, problems?: ProblemBody['problems']) {
    super(
      { status, code, message, ...(problems ? { problems } : {}) } satisfies ProblemBody,
      status,
    );
  }
}
