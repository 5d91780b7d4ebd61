import { parentPort, workerData } from 'node:worker_threads';
import { importAll } from './loader.js';
import type { ScenarioWorkerInit } from './plan.js';
import { ScenarioWorker, type ScenarioMessage } from './runner.js';

/** worker_threads entry: import the compiled scenario module, run this worker's share, relay messages. */
if (parentPort) {
  const port = parentPort;
  const init = workerData as ScenarioWorkerInit;
  const scenarios = await importAll(init.modules, init.index, init.workers);
  const worker = new ScenarioWorker(init, scenarios, (msg: ScenarioMessage) => port.postMessage(msg));
  port.on('message', (msg: { type: string }) => {
    if (msg.type === 'stop') worker.stop();
  });
  worker.start();
}
