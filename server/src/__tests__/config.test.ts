import { loadConfig } from '../config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite database under the data folder, on port 3000', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/preau-data' } as NodeJS.ProcessEnv);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ engine: 'sqlite', file: '/tmp/preau-data/preau.sqlite' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses MySQL/MariaDB when DATABASE_URL says so', () => {
    const config = loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/preau' } as NodeJS.ProcessEnv);
    expect(config.database).toEqual({ engine: 'mysql', url: 'mysql://u:p@db:3306/preau' });
  });

  it('fails at boot listing every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', DEMO_DATA: 'maybe' } as NodeJS.ProcessEnv)).toThrow(
      /PORT[\s\S]*DATABASE_URL: DATABASE_URL must start with mysql:\/\/[\s\S]*DEMO_DATA/,
    );
  });
});
