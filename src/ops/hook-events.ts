// The events hooks and webhooks react to, and the facts each one carries. A job says which of its
// own events mean which (JobOps.hookEvent); the names and variables are the same for every job.

export const HOOK_EVENTS = ['ready', 'client-connect', 'client-disconnect', 'segment-complete', 'exit'] as const;
export type HookEventName = (typeof HOOK_EVENTS)[number];

export interface HookFacts {
  url?: string | undefined;
  mount?: string | undefined;
  clientId?: string | undefined;
  clientAddr?: string | undefined;
  segmentPath?: string | undefined;
  segmentDuration?: number | undefined;
  exitCode?: number | undefined;
}

export interface HookEvent {
  event: HookEventName;
  facts: HookFacts;
}

/** The environment variable of each fact, as hooks see them (documented in --help). */
export const FACT_VARIABLES: Record<keyof HookFacts, string> = {
  url: 'LYDLR_URL',
  mount: 'LYDLR_MOUNT',
  clientId: 'LYDLR_CLIENT_ID',
  clientAddr: 'LYDLR_CLIENT_ADDR',
  segmentPath: 'LYDLR_SEGMENT_PATH',
  segmentDuration: 'LYDLR_SEGMENT_DURATION',
  exitCode: 'LYDLR_EXIT_CODE',
};

// LYDLR_EVENT, LYDLR_COMMAND and one variable per fact the event has.
export function hookEnvironment(command: string, { event, facts }: HookEvent): Record<string, string> {
  const env: Record<string, string> = { LYDLR_EVENT: event, LYDLR_COMMAND: command };
  for (const [key, value] of Object.entries(facts)) {
    if (value !== undefined) env[FACT_VARIABLES[key as keyof HookFacts]] = String(value);
  }
  return env;
}

// The event a hook of this event is tied to: a client's hook ends when that client leaves, on-exit's
// is given a moment after the job, every other hook ends with the job.
export function lifetimeKey({ event, facts }: HookEvent): string {
  return event === 'client-connect' ? `client:${facts.clientId ?? ''}` : event === 'exit' ? 'exit' : 'job';
}
