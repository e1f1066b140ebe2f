// Starts the example app: `npm run example` (a mock must be running: `npm start` in another terminal).
// MOCK_URL (default http://127.0.0.1:4010) and PORT (default 3000) choose where; Ctrl-C stops it.
import { startApp } from './app.ts';

const mockUrl = process.env.MOCK_URL ?? 'http://127.0.0.1:4010';
const port = Number(process.env.PORT ?? 3000);
try {
  const app = await startApp({ port, mockUrl });
  console.log(`Example app on ${app.url} (redirect URI ${app.redirectUri}), talking to the mock at ${mockUrl}.`);
  console.log(`Open ${app.url} and press "Connect your bank". Ctrl-C stops it.`);
  const stop = async (): Promise<void> => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`example app: cannot start on port ${port}: ${(error as Error).message}. Set PORT to another port.`);
  process.exit(2);
}
