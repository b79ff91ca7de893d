import ssh2 from 'ssh2';

// A stand-in for a machine's sshd, used ONLY for the benchmark's capacity part
// (thousands of idle sessions), where one real OpenSSH session per terminal
// (sshd child + login shell each) would exhaust this machine before the gateway.
// It speaks real SSH (ssh2's Server): password login, pty, shell that prints a
// prompt and echoes input. Runs in its own process; sends {port} over IPC.

const { Server, utils } = ssh2;
const hostKey = utils.generateKeyPairSync('ed25519').private;

const server = new Server({ hostKeys: [hostKey] }, (client) => {
  client.on('authentication', (ctx) => {
    if (ctx.method === 'password' && ctx.username === 'bench' && ctx.password === 'bench') ctx.accept();
    else ctx.reject(['password']);
  });
  client.on('ready', () => {
    client.on('session', (accept) => {
      const session = accept();
      session.on('pty', (ok) => ok?.());
      session.on('env', (ok) => ok?.());
      session.on('window-change', (ok) => ok?.());
      session.on('shell', (ok) => {
        const stream = ok();
        stream.write('bench$ ');
        stream.on('data', (d: Buffer) => stream.write(d));
      });
    });
  });
  client.on('error', () => { /* clients vanish at the end of the run */ });
});

server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', port: (server.address() as { port: number }).port });
});
process.on('message', (m) => { if (m === 'stop') process.exit(0); });
