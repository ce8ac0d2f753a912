import { loadConfig } from '../../server/src/config';

describe('service-target sweep settings', () => {
  it('sweeps every minute and warns an hour ahead by default', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv).sla).toEqual({ sweepCron: '* * * * *', warningLeadMinutes: 60 });
  });

  it('takes a cron expression and a lead in minutes', () => {
    const config = loadConfig({ SLA_SWEEP_CRON: '*/5 7-19 * * 1-5', SLA_WARNING_LEAD_MINUTES: '0' } as NodeJS.ProcessEnv);
    expect(config.sla).toEqual({ sweepCron: '*/5 7-19 * * 1-5', warningLeadMinutes: 0 });
  });

  it('refuses to start on a bad schedule or lead, naming both', () => {
    expect(() => loadConfig({ SLA_SWEEP_CRON: 'every minute', SLA_WARNING_LEAD_MINUTES: '-5' } as NodeJS.ProcessEnv)).toThrow(
      /SLA_SWEEP_CRON: SLA_SWEEP_CRON is not a valid cron expression[\s\S]*SLA_WARNING_LEAD_MINUTES/,
    );
  });
});
