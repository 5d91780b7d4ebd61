import { parentPort, workerData } from 'node:worker_threads';
import { Driver, type DriverMessage } from './driver.js';
import type { WorkerPlan } from './plan.js';

/** worker_threads entry: runs one Driver and relays its messages to the parent. */
if (parentPort) {
  const port = parentPort;
  const driver = new Driver(workerData as WorkerPlan, (msg: DriverMessage) => port.postMessage(msg));
  port.on('message', (msg: { type: string }) => {
    if (msg.type === 'stop') driver.stop();
  });
  driver.start();
}
