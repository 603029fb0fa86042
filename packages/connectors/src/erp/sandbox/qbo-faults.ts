import type { SandboxResponse } from '../../sandbox/server.js';

/** The fault types QuickBooks answers with. */
export type QboFaultType =
  'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault';

/** A fault raised by a sandbox handler; the dispatcher turns it into a QBO Fault response. */
export class QboFault extends Error {
  constructor(
    readonly type: QboFaultType,
    readonly code: string,
    message: string,
    readonly detail?: string,
    readonly element?: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'QboFault';
  }

  /** The QBO Fault body of this fault. */
  body(time: string): Record<string, unknown> {
    const error: Record<string, unknown> = { Message: this.message, code: this.code };
    if (this.detail !== undefined) error.Detail = this.detail;
    if (this.element !== undefined) error.element = this.element;
    return { Fault: { Error: [error], type: this.type }, time };
  }

  /** The HTTP response of this fault (status overridable, e.g. 200 for an injected fault). */
  response(time: string, status = this.status): SandboxResponse {
    return { status, body: this.body(time) };
  }
}

/** The faults the sandbox raises, with QuickBooks' own codes and texts. */
export const faults = {
  notFound: (entity: string, id: string): QboFault =>
    new QboFault(
      'ValidationFault',
      '610',
      'Object Not Found',
      `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${entity} Id=${id})`,
    ),
  stale: (): QboFault =>
    new QboFault(
      'ValidationFault',
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and Braid Sandbox were working on this at the same time. Braid Sandbox finished before you did, so your work was not saved.',
    ),
  duplicateName: (id: string): QboFault =>
    new QboFault(
      'ValidationFault',
      '6240',
      'Duplicate Name Exists Error',
      `The name supplied already exists. : Id=${id}`,
    ),
  required: (element: string): QboFault =>
    new QboFault(
      'ValidationFault',
      '2020',
      'Required param missing, need to supply the required value for the API',
      `Required parameter ${element} is missing in the request`,
      element,
    ),
  invalidRef: (element: string, id: string): QboFault =>
    new QboFault(
      'ValidationFault',
      '2500',
      'Invalid Reference Id',
      `Invalid Reference Id : ${element} references Id=${id}, which does not exist`,
      element,
    ),
  invalid: (element: string, detail: string): QboFault =>
    new QboFault(
      'ValidationFault',
      '2010',
      'Request has invalid or unsupported property',
      detail,
      element,
    ),
  length: (element: string, max: number, supplied: number): QboFault =>
    new QboFault(
      'ValidationFault',
      '2050',
      'String length is either shorter or longer than supported by specification',
      `String length specified does not match the supported length. Min:0 Max:${max} supplied:${supplied}`,
      element,
    ),
  business: (detail: string, element?: string): QboFault =>
    new QboFault(
      'ValidationFault',
      '6000',
      'A business validation error has occurred while processing your request',
      `Business Validation Error: ${detail}`,
      element,
    ),
  query: (detail: string): QboFault =>
    new QboFault('ValidationFault', '4000', 'Error parsing query', `QueryParserError: ${detail}`),
  authentication: (): QboFault =>
    new QboFault(
      'AuthenticationFault',
      '3200',
      'message=AuthenticationFailed; errorCode=003200; statusCode=401',
      undefined,
      undefined,
      401,
    ),
  authorization: (): QboFault =>
    new QboFault(
      'AuthorizationFault',
      '3100',
      'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
      undefined,
      undefined,
      403,
    ),
  throttled: (): QboFault =>
    new QboFault(
      'SystemFault',
      '3001',
      'message=ThrottleExceeded; errorCode=003001; statusCode=429',
      'The request limit was reached.',
      undefined,
      429,
    ),
  system: (status: number): QboFault =>
    new QboFault(
      'SystemFault',
      '10000',
      'An application error has occurred while processing your request',
      'System Failure Error: An unexpected error occurred while accessing or saving your data.',
      undefined,
      status,
    ),
};

/** A QBO Fault body for an HTTP status injected through the sandbox fault rules. */
export function faultForStatus(status: number, time: string): SandboxResponse {
  const fault =
    status === 401
      ? faults.authentication()
      : status === 403
        ? faults.authorization()
        : status === 429
          ? faults.throttled()
          : status >= 500
            ? faults.system(status)
            : faults.invalid('', `injected HTTP ${status}`);
  return fault.response(time, status);
}
