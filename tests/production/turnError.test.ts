/** The turn-error reply is built once from the data, and still carries the numbers if the content lacks them. */

describe('turnErrorMessage', () => {
  afterEach(() => jest.resetModules());

  test('from the content, with the numbers from data/national.json', () => {
    const { turnErrorMessage } = jest.requireActual('../../server/turnError') as typeof import('../../server/turnError');
    const message = turnErrorMessage();
    expect(message).toMatch(/999/);
    expect(message).toMatch(/0300 123 2040 and press 9/);
    expect(message).toMatch(/Police Scotland on 101/);
  });

  test('one per language, chosen by the locale through own keys only; English when there is no content for it', () => {
    const { turnErrorMessages, turnErrorMessageFor } = jest.requireActual('../../server/turnError') as typeof import('../../server/turnError');
    const messages = turnErrorMessages();
    const welsh = turnErrorMessageFor(messages, 'cy-GB');
    expect(welsh).toMatch(/Os oes unrhyw un mewn perygl, ffoniwch 999/);
    expect(welsh).toMatch(/0300 123 2040 a phwyso 9/);
    expect(turnErrorMessageFor(messages, 'CY')).toBe(welsh);
    const english = turnErrorMessageFor(messages, 'en-GB');
    for (const locale of ['constructor', 'hasOwnProperty-GB', '__proto__', '', undefined, null, 7, {}, ['cy']]) {
      expect(turnErrorMessageFor(messages, locale)).toBe(english);
    }
  });

  test.each([
    ['lacks a number', 'Sorry, something went wrong.'],
    ['has a placeholder with no value', 'Sorry: call {noSuchFact}.'],
  ])('a plain sentence from the data when the content %s', (_why, template) => {
    jest.isolateModules(() => {
      jest.doMock('../../dialogs/content', () => {
        const actual = jest.requireActual('../../dialogs/content');
        return { ...actual, contentFor: () => ({ replies: { turnError: template } }) };
      });
      const { turnErrorMessage } = require('../../server/turnError') as typeof import('../../server/turnError');
      const message = turnErrorMessage();
      expect(message).not.toContain(template);
      expect(message).toMatch(/call 999/);
      expect(message).toMatch(/0300 123 2040 and press 9/);
      expect(message).toMatch(/Police Scotland on 101/);
    });
  });
});
