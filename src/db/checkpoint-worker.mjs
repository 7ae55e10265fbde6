// Runs SQLite WAL checkpoints on another thread, so that copying the WAL back into the database
// file never stalls a request on the main thread. Plain JavaScript: no loader needed in a worker.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next round (or the main connection's fallback) will do it.
  }
}, workerData.intervalMs);

parentPort?.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {}
    db.close();
    parentPort?.close();
  }
});
