// Every string exists in both languages, and placeholders match.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STRINGS, pickLanguage } from '../../www/i18n.js';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('English and Chinese have the same keys', () => {
  const en = Object.keys(STRINGS.en).sort();
  const zh = Object.keys(STRINGS.zh).sort();
  assert.deepEqual(en.filter((k) => !zh.includes(k)), [], 'missing in Chinese');
  assert.deepEqual(zh.filter((k) => !en.includes(k)), [], 'missing in English');
});

test('every string is non-empty and has the same placeholders in both languages', () => {
  for (const [key, english] of Object.entries(STRINGS.en)) {
    const chinese = STRINGS.zh[key];
    assert.ok(english.trim() && chinese.trim(), `${key} is empty`);
    assert.deepEqual(placeholders(chinese), placeholders(english), `${key} placeholders`);
  }
});

test('Chinese uses the chapter\'s terms', () => {
  const all = Object.values(STRINGS.zh).join('\n');
  for (const term of ['梯度下降', '学习率', '收敛', '震荡', '发散', '损失']) assert.ok(all.includes(term), term);
});

test('language: the address wins, then the browser, then English', () => {
  assert.equal(pickLanguage('zh', ['en-US']), 'zh');
  assert.equal(pickLanguage(undefined, ['zh-CN', 'en']), 'zh');
  assert.equal(pickLanguage(undefined, ['fr-FR']), 'en');
  assert.equal(pickLanguage('xx', ['de']), 'en');
});
