package com.journeycoach.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay between one node and the database server that a test can partition: {@link #partition}
 * stops forwarding in both directions (what either side writes meanwhile is held, and a new connection
 * gets no answer), {@link #heal} forwards again what was held. So the node sees the database vanish as
 * in a network partition (no error, no closed socket, only silence), and its connections live on
 * afterwards, as TCP connections do across a short partition. The database server is never touched.
 */
final class DatabaseLink implements AutoCloseable {

  private final ServerSocket server;
  private final String host;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "database-link");
    thread.setDaemon(true);
    return thread;
  });
  /** Counted down when forwarding resumes; a new one for every partition. */
  private volatile CountDownLatch healed = new CountDownLatch(0);

  DatabaseLink(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Stops forwarding: from now on nothing passes either way until {@link #heal}. */
  void partition() {
    healed = new CountDownLatch(1);
  }

  /** Forwards again, first what was held. */
  void heal() {
    healed.countDown();
  }

  private void awaitForwarding() throws InterruptedException {
    healed.await();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> connect(client));
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void connect(Socket client) {
    try {
      // a partition answers no connection either: the node's connect waits, as for a lost SYN
      awaitForwarding();
      Socket upstream = new Socket(host, port);
      open.add(upstream);
      threads.execute(() -> pump(client, upstream));
      pump(upstream, client);
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[32 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        awaitForwarding();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // either side is gone
    }
    closeQuietly(from);
    closeQuietly(to);
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() {
    heal();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    open.forEach(this::closeQuietly);
    threads.shutdownNow();
  }
}
