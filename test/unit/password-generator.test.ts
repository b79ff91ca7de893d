import assert from 'node:assert/strict';
import { generatePassword } from '@remotegpu/control/commands/passwordResetter';
import { passwordSchema } from '@remotegpu/control/lib/passwords';

describe('control: generated passwords', () => {
  it('are 16 letters and digits, with both kinds, and pass the password rules', () => {
    for (let i = 0; i < 500; i++) {
      const pw = generatePassword();
      assert.match(pw, /^[A-Za-z0-9]{16}$/);
      assert.match(pw, /[A-Za-z]/);
      assert.match(pw, /[0-9]/);
      assert.ok(passwordSchema.safeParse(pw).success, pw);
    }
  });

  it('leave out characters that are easy to misread', () => {
    const all = Array.from({ length: 200 }, () => generatePassword()).join('');
    assert.doesNotMatch(all, /[0O1lI]/);
  });

  it('do not repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generatePassword()));
    assert.equal(seen.size, 1000);
  });

  it('honour a longer length', () => {
    assert.equal(generatePassword(24).length, 24);
  });
});
