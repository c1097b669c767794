package com.journeycoach.coaching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reloads the coaching rules when a {@code .drl} file in the configured rules folder changes, as
 * the reload API would: the new set is compiled beside the running one and swapped in, or, when it
 * has errors, the running rules stay and the errors are logged. Only with {@code journey.rules.folder}
 * set and {@code journey.rules.watch} on (the default); the packaged rules never change.
 */
@Component
public class RuleFolderWatcher implements SmartLifecycle {

  /** An editor saves a file in several steps; the reload waits until the folder has been quiet this long. */
  static final long QUIET_MILLIS = 300;

  private static final Logger log = LoggerFactory.getLogger(RuleFolderWatcher.class);

  private final RuleBook ruleBook;
  private final RulesProperties properties;
  private final AtomicLong attempts = new AtomicLong();
  private volatile WatchService watchService;

  public RuleFolderWatcher(RuleBook ruleBook, RulesProperties properties) {
    this.ruleBook = ruleBook;
    this.properties = properties;
  }

  @Override
  public void start() {
    if (properties.folder() == null || properties.folder().isBlank() || !properties.watch()) {
      return;
    }
    Path folder = Path.of(properties.folder());
    WatchService service;
    try {
      service = FileSystems.getDefault().newWatchService();
      folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot watch the rules folder " + folder, e);
    }
    watchService = service;
    Thread thread = new Thread(() -> watch(service), "rules-folder-watcher");
    thread.setDaemon(true);
    thread.start();
    log.info("Watching {} for changed coaching rules", folder);
  }

  private void watch(WatchService service) {
    try {
      while (true) {
        WatchKey key = service.take();
        boolean rulesChanged = drain(key);
        // wait for the folder to be quiet, collecting what else changed meanwhile
        while ((key = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          rulesChanged |= drain(key);
        }
        if (rulesChanged) {
          reload();
        }
      }
    } catch (ClosedWatchServiceException stopped) {
      log.debug("Stopped watching the rules folder");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the key's events touch a rule file (or were too many to tell); re-arms the key. */
  private static boolean drain(WatchKey key) {
    boolean rules = key.pollEvents().stream().anyMatch(event -> event.kind() == StandardWatchEventKinds.OVERFLOW
        || event.context().toString().endsWith(".drl"));
    key.reset();
    return rules;
  }

  private void reload() {
    attempts.incrementAndGet();
    try {
      ruleBook.reload("the rules folder watcher");
    } catch (RuleCompilationException e) {
      log.warn("The changed coaching rules in {} do not compile; the running rules stay: {}", properties.folder(), e.errors());
    } catch (RuntimeException e) {
      log.warn("The changed coaching rules in {} could not be read; the running rules stay", properties.folder(), e);
    }
  }

  /** How many reloads a change of the folder has started, whether they succeeded or not. */
  public long attempts() {
    return attempts.get();
  }

  @Override
  public void stop() {
    WatchService service = watchService;
    watchService = null;
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        log.debug("Closing the rules folder watch", e);
      }
    }
  }

  @Override
  public boolean isRunning() {
    return watchService != null;
  }
}
