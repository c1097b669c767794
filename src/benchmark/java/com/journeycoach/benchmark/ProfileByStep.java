package com.journeycoach.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a flight recording of the journey benchmark and compares two kinds step by step: the CPU
 * samples that fell in each kind's steps ({@link BenchmarkStep}), and per step the methods on whose
 * stacks the first kind spent the most samples more than the second (inclusive, so a method counts
 * once per sample however deep it recurses; methods on every sample of both, such as the test runner's,
 * are left out). Both kinds drive the same number of instances, so sample counts compare directly.
 *
 * <p>{@code java -cp target/test-classes com.journeycoach.benchmark.ProfileByStep recording.jfr [kind] [baseline] [methods per step]},
 * by default journey against bare, 25 methods.
 */
public final class ProfileByStep {

  private record Span(long start, long end, String kind, String step) {
  }

  public static void main(String[] args) throws IOException {
    Path recording = Path.of(args[0]);
    String kind = args.length > 1 ? args[1] : "journey";
    String baseline = args.length > 2 ? args[2] : "bare";
    int top = args.length > 3 ? Integer.parseInt(args[3]) : 25;

    Map<Long, List<Span>> spansByThread = new HashMap<>();
    List<RecordedEvent> samples = new ArrayList<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      String type = event.getEventType().getName();
      if (type.equals("journeycoach.BenchmarkStep")) {
        spansByThread.computeIfAbsent(event.getThread().getJavaThreadId(), id -> new ArrayList<>())
            .add(new Span(nanos(event.getStartTime()), nanos(event.getEndTime()), event.getString("kind"), event.getString("step")));
      } else if (type.equals("jdk.ExecutionSample")) {
        samples.add(event);
      }
    }
    spansByThread.values().forEach(spans -> spans.sort(Comparator.comparingLong(Span::start)));

    // kind -> step -> method -> samples whose stack holds it; "" counts the step's samples
    Map<String, Map<String, Map<String, Integer>>> counts = new TreeMap<>();
    for (RecordedEvent sample : samples) {
      List<Span> spans = spansByThread.get(sample.getThread("sampledThread").getJavaThreadId());
      Span span = spans == null ? null : find(spans, nanos(sample.getStartTime()));
      if (span == null || sample.getStackTrace() == null) {
        continue;
      }
      Map<String, Integer> methods = counts.computeIfAbsent(span.kind(), k -> new TreeMap<>())
          .computeIfAbsent(span.step(), s -> new HashMap<>());
      methods.merge("", 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
        String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        if (seen.add(method)) {
          methods.merge(method, 1, Integer::sum);
        }
      }
    }

    // the benchmark's steps, named here so that reading a recording needs no class of the application
    for (String step : List.of("start", "share", "view", "follow-up", "outcome")) {
      Map<String, Integer> mine = counts.getOrDefault(kind, Map.of()).getOrDefault(step, Map.of());
      Map<String, Integer> theirs = counts.getOrDefault(baseline, Map.of()).getOrDefault(step, Map.of());
      System.out.printf(Locale.ROOT, "%n== %s: %s %d samples, %s %d samples, %+d%n", step, kind, mine.getOrDefault("", 0), baseline,
          theirs.getOrDefault("", 0), mine.getOrDefault("", 0) - theirs.getOrDefault("", 0));
      Set<String> methods = new HashSet<>(mine.keySet());
      methods.addAll(theirs.keySet());
      methods.remove("");
      // what is on every sample of both kinds (the test runner, the driver, the step itself) says nothing
      methods.removeIf(m -> mine.getOrDefault(m, 0).equals(mine.get("")) && theirs.getOrDefault(m, 0).equals(theirs.get("")));
      methods.stream()
          .sorted(Comparator.comparingInt((String m) -> mine.getOrDefault(m, 0) - theirs.getOrDefault(m, 0)).reversed())
          .limit(top)
          .forEach(m -> System.out.printf(Locale.ROOT, "%+6d  %5d %5d  %s%n", mine.getOrDefault(m, 0) - theirs.getOrDefault(m, 0),
              mine.getOrDefault(m, 0), theirs.getOrDefault(m, 0), m));
    }
  }

  private static Span find(List<Span> spans, long time) {
    int low = 0;
    int high = spans.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      Span span = spans.get(middle);
      if (time < span.start()) {
        high = middle - 1;
      } else if (time > span.end()) {
        low = middle + 1;
      } else {
        return span;
      }
    }
    return null;
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private ProfileByStep() {
  }
}
