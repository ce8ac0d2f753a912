import { renderNotice } from '@preau/shared';
import { breachMessage, messageFor } from '../../server/src/modules/notifications/ticket-messages';
import { frenchCases } from './french-wording.cases';
import golden from './french-wording.golden.json';

// The golden file was written by the notification code as it stood before its sentences moved to
// `shared/` (in both languages): the French of the app and of the e-mails must not change.
describe('French notification wording', () => {
  const french = frenchCases(
    (entry, audience, ctx) => {
      const message = messageFor(entry, audience, ctx);
      return message && { kind: message.kind, title: message.title, body: message.body };
    },
    (...args) => {
      const { kind, title, body } = breachMessage(...args);
      return { kind, title, body };
    },
  );

  it('is word for word what it was, for every kind of entry, audience and deadline', () => {
    expect(Object.keys(french)).toHaveLength(Object.keys(golden).length);
    expect(french).toEqual(golden);
  });

  it('keeps with each message a key and parameters that render to the same French', () => {
    const cases = frenchCases(
      (entry, audience, ctx) => {
        const message = messageFor(entry, audience, ctx);
        return message && { kind: message.kind, ...renderNotice(message.notice, 'fr')! };
      },
      (...args) => {
        const message = breachMessage(...args);
        return { kind: message.kind, ...renderNotice(message.notice, 'fr')! };
      },
    );
    expect(cases).toEqual(golden);
  });
});
