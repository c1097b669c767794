package com.journeycoach.benchmark;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * One timed step of one instance, recorded when the benchmark runs under Java Flight Recorder
 * ({@code -DargLine=-XX:StartFlightRecording=...}): {@link ProfileByStep} attributes each CPU sample
 * to the kind and step it fell in, so a profile compares the journey with the bare process step by step.
 */
@Name("journeycoach.BenchmarkStep")
@Label("Benchmark step")
@Category("Journey Coach")
class BenchmarkStep extends Event {

  @Label("Kind")
  final String kind;
  @Label("Step")
  final String step;

  BenchmarkStep(String kind, String step) {
    this.kind = kind;
    this.step = step;
  }
}
