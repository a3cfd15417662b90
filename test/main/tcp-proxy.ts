import net from 'node:net';

/** A TCP forwarder whose link can be cut and restored on the same port (a network outage for one client). */
export interface TcpProxy {
  url: string;
  /**
   * Stops forwarding on every open connection without closing any (what a sleeping laptop or a
   * dead NAT entry leaves behind: both ends think they are connected). New connections pass.
   */
  freeze(): void;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = async (): Promise<void> => {
    const s = net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      const pair: [net.Socket, net.Socket] = [client, upstream];
      pairs.add(pair);
      client.on('close', () => pairs.delete(pair));
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
    port = (s.address() as net.AddressInfo).port;
    server = s;
  };
  const stop = async (): Promise<void> => {
    for (const socket of sockets) socket.destroy();
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  const freeze = (): void => {
    for (const [client, upstream] of pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
    pairs.clear();
  };
  await listen();
  return { url: `http://127.0.0.1:${port}`, freeze, cut: stop, restore: listen, close: stop };
}
