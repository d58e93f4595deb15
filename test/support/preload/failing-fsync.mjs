// Loaded with `node --import` into a Handoff process under test: from the moment the file named
// by HANDOFF_TEST_FAIL_FSYNC exists, every fs.fsync fails with EIO, as a failing disk answers.
// SQLite's own fsyncs (in C) are untouched; Handoff's off-thread fsync of the log is not.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const trigger = process.env.HANDOFF_TEST_FAIL_FSYNC;
const original = fs.fsync;
fs.fsync = function failingFsync(fd, callback) {
  if (trigger && fs.existsSync(trigger)) {
    const error = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO', errno: -5, syscall: 'fsync' });
    process.nextTick(callback, error);
    return;
  }
  original(fd, callback);
};
syncBuiltinESMExports();
