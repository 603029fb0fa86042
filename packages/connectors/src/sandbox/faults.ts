/**
 * A fault to inject into matching requests. Rules are checked in order; the first that matches
 * (and wins its probability draw) applies. `times` counts down and removes the rule at zero.
 */
export interface FaultRule {
  id: string;
  method?: string;
  /** Path prefix, e.g. `/v1/transactions`. */
  path?: string;
  /** Chance of applying to a matching request, 0..1 (default 1). */
  probability?: number;
  times?: number;
  latencyMs?: number;
  /** Answer with this status (and the service's own error body) instead of handling the request. */
  status?: number;
  retryAfterSeconds?: number;
  /** Never answer. */
  timeout?: boolean;
  /** Handle the request (the effect happens), then drop the connection without answering. */
  lostResponse?: boolean;
}

/** Holds the fault rules of one sandbox. */
export class FaultController {
  private rules: FaultRule[] = [];
  private seq = 0;

  constructor(private readonly random: () => number) {}

  /** Adds rules from an admin request body (`{rules: [...]}` or one rule); returns all rules. */
  add(input: unknown): FaultRule[] {
    const rules = (input as { rules?: unknown } | null)?.rules;
    const list: unknown[] = Array.isArray(rules) ? rules : [input];
    for (const raw of list) {
      if (raw === null || typeof raw !== 'object')
        throw new Error('a fault rule must be an object');
      this.seq += 1;
      this.rules.push({ ...(raw as Omit<FaultRule, 'id'>), id: `f${this.seq}` });
    }
    return this.list();
  }

  /** The active rules. */
  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The rule to apply to this request, if any (consumes one of its `times`). */
  pick(method: string, path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.path && !path.startsWith(rule.path)) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      if (rule.times !== undefined) {
        rule.times -= 1;
        if (rule.times <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return { ...rule };
    }
    return undefined;
  }
}
