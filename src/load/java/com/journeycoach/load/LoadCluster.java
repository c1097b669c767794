package com.journeycoach.load;

import com.journeycoach.Http;
import com.journeycoach.MariaDb;
import com.journeycoach.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The nodes a load simulation drives: the packaged application started as processes of its own on
 * one fresh MariaDB database, each with a small pool; the catalog, an integrator and the distributors
 * set up through the API as an administrator would. SMS and email go to the log channel: the load is
 * on the HTTP side.
 */
final class LoadCluster implements AutoCloseable {

  static final String ADMIN = Http.basic("admin", TestUsers.ADMIN_PASSWORD);
  static final String INTEGRATOR_ID = "load-integrator";
  static final String PASSWORD = TestUsers.PASSWORD;
  static final Path WORK = Path.of("target", "load");
  /** About a minute on a quiet machine; far longer on a busy one. */
  private static final Duration START_DEADLINE = Duration.ofMinutes(8);

  private final List<Process> processes = new ArrayList<>();
  final List<Integer> ports = new ArrayList<>();

  LoadCluster(int nodes, int distributors) {
    try {
      Files.createDirectories(WORK);
      String database = MariaDb.freshDatabase();
      for (int i = 0; i < nodes; i++) {
        ports.add(freePort());
        processes.add(start(i + 1, nodes, ports.get(i), database));
      }
      for (int i = 0; i < nodes; i++) {
        awaitHealthy(i);
      }
      prepare(new Http(ports.get(0)), distributors);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  List<String> baseUrls() {
    return ports.stream().map(port -> "http://localhost:" + port).toList();
  }

  static String distributorId(int i) {
    return "load-distributor-" + i;
  }

  private void prepare(Http admin, int distributors) throws IOException {
    String catalog = Files.readString(Path.of("src", "main", "resources", "catalog", "sample-catalog.yaml"));
    expect(admin.send(admin.request("/api/assets/import", ADMIN).header("Content-Type", "application/yaml")
        .POST(HttpRequest.BodyPublishers.ofString(catalog)).build()), 200, 201);
    expect(admin.post("/engine-rest/user/create", ADMIN, """
        {"profile":{"id":"%s","firstName":"Shop","lastName":"Integration","email":"shop@example.com"},
         "credentials":{"password":"%s"}}""".formatted(INTEGRATOR_ID, PASSWORD)), 204);
    expect(admin.put("/engine-rest/group/integrators/members/" + INTEGRATOR_ID, ADMIN, ""), 204);
    for (int i = 0; i < distributors; i++) {
      expect(admin.post("/api/distributors", ADMIN, """
          {"id":"%s","firstName":"Lou","lastName":"Load%d","email":"%s@example.com","phone":"+49 151 4%07d",
           "timeZone":"Europe/Berlin","preferredChannel":"EMAIL","password":"%s"}"""
          .formatted(distributorId(i), i, distributorId(i), i, PASSWORD)), 201);
    }
  }

  private static void expect(HttpResponse<String> response, int... statuses) {
    for (int status : statuses) {
      if (response.statusCode() == status) {
        return;
      }
    }
    throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
        + response.statusCode() + ": " + response.body());
  }

  private Process start(int node, int nodes, int port, String database) throws IOException {
    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("journey-coach-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No target/journey-coach-*.jar: mvn -Pload verify packages it first"));
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx1g", "-jar", jar.toAbsolutePath().toString(),
        "--spring.profiles.active=mysql", "--journey.notifications.require-real-channels=false",
        "--spring.datasource.hikari.minimum-idle=2",
        // as behind a load balancer: the client's address from X-Forwarded-For of a trusted (local) proxy
        "--server.forward-headers-strategy=native"))
        .directory(WORK.toFile()).redirectErrorStream(true)
        .redirectOutput(WORK.resolve(nodes + "-nodes-app-" + node + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("JOURNEY_") || name.startsWith("TWILIO_")
        || name.startsWith("CAMUNDA_"));
    env.put("PORT", String.valueOf(port));
    env.put("JOURNEY_DB_URL", database);
    env.put("JOURNEY_DB_USER", MariaDb.user());
    env.put("JOURNEY_DB_PASSWORD", MariaDb.password());
    env.put("JOURNEY_ADMIN_PASSWORD", TestUsers.ADMIN_PASSWORD);
    env.put("JOURNEY_PUBLIC_URL", "http://localhost:" + port);
    return builder.start();
  }

  private void awaitHealthy(int node) throws InterruptedException {
    Http http = new Http(ports.get(node));
    Instant deadline = Instant.now().plus(START_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      if (!processes.get(node).isAlive()) {
        throw new IllegalStateException("Node " + (node + 1) + " stopped while starting: see " + WORK);
      }
      try {
        if (http.get("/actuator/health", null).body().contains("\"UP\"")) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Node " + (node + 1) + " was not healthy within " + START_DEADLINE);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
