import { END, START, currentRouteTable, readReadme, renderRulesSection, withRulesSection } from '../rules-table';

describe('README authorisation table', () => {
  it('is the one the route table gives (run npm run docs:rules if not)', () => {
    const readme = readReadme();
    const section = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    const message = 'README.md is out of date: run npm run docs:rules';
    expect({ message, section }).toEqual({ message, section: renderRulesSection(currentRouteTable()) });
  });

  it('lists every route of the table once, with who may call it', () => {
    const table = currentRouteTable();
    const section = renderRulesSection(table);
    const rows = section.split('\n').filter((line) => /^\| `(GET|POST|PATCH|PUT|DELETE)` \|/.test(line));
    expect(rows).toHaveLength(table.length);
    expect(rows).toContain("| `PATCH` | `/equipment/:id` | `inventory:write` on the record's organisation |");
    expect(rows).toContain('| `GET` | `/health` | anyone |');
  });

  it('replaces only what lies between the markers', () => {
    const readme = `# Title\n\nbefore\n${START}\nold\n${END}\nafter\n`;
    expect(withRulesSection(readme, `${START}\nnew\n${END}`)).toBe(`# Title\n\nbefore\n${START}\nnew\n${END}\nafter\n`);
    expect(() => withRulesSection('# no markers', 'x')).toThrow(/markers/);
  });
});
