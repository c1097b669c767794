package com.journeycoach.coaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Compiling, failing and reloading a rules folder. */
class RuleBookTest {

  static final String BROKEN = """
      package com.journeycoach.rules;
      import com.journeycoach.coaching.*;
      rule "Broken"
      when
          Occasion(kind == )
      then
      end
      """;

  @TempDir
  Path folder;

  private void copyPackagedRules() throws IOException {
    try (var files = Files.list(Path.of("rules"))) {
      for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
        Files.copy(drl, folder.resolve(drl.getFileName()));
      }
    }
  }

  private static List<Object> followUpOverdue() {
    return List.of(Occasion.paceTimer("follow-up", "p1"), RulesFixture.distributor(), RulesFixture.journey("p1", "follow-up"),
        RulesFixture.noForecast(), new ThresholdValue("coaching.cap.nudges-per-day", 3),
        new ThresholdValue("coaching.repeat-window-hours", 24));
  }

  @Test
  void aBrokenRuleFileStopsTheRuleBookWithFileLineAndMessage() throws IOException {
    copyPackagedRules();
    Files.writeString(folder.resolve("broken.drl"), BROKEN);

    assertThatThrownBy(() -> new RuleBook(new RulesProperties(folder.toString())))
        .isInstanceOf(RuleCompilationException.class)
        .satisfies(e -> assertThat(((RuleCompilationException) e).errors()).anySatisfy(error -> assertThat(error).startsWith("broken.drl:5:")));
  }

  @Test
  void aReloadWithABrokenFileAnswersTheErrorAndKeepsTheRunningRules() throws IOException {
    copyPackagedRules();
    RuleBook book = new RuleBook(new RulesProperties(folder.toString()));
    long before = book.current().version();
    Files.writeString(folder.resolve("broken.drl"), BROKEN);

    assertThatThrownBy(book::reload).isInstanceOf(RuleCompilationException.class).hasMessageContaining("broken.drl:5");

    assertThat(book.current().version()).isEqualTo(before);
    assertThat(book.decide(followUpOverdue())).extracting(NudgeDecision::rule).containsExactly("Follow-up overdue");
  }

  @Test
  void aReloadSwapsInTheChangedRules() throws IOException {
    copyPackagedRules();
    RuleBook book = new RuleBook(new RulesProperties(folder.toString()));
    Path pace = folder.resolve("pace.drl");
    Files.writeString(pace, Files.readString(pace).replace("rule \"Follow-up overdue\"", "rule \"Follow up today\""));

    book.reload();

    assertThat(book.decide(followUpOverdue())).extracting(NudgeDecision::rule).containsExactly("Follow up today");
  }

  @Test
  void startUpWithABrokenRuleFileFailsWithTheFileAndLine() throws IOException {
    copyPackagedRules();
    Files.writeString(folder.resolve("broken.drl"), BROKEN);

    // the application's rule book is a singleton built at start-up: its failure stops the context
    new ApplicationContextRunner()
        .withUserConfiguration(RuleBook.class)
        .withBean(RulesProperties.class, () -> new RulesProperties(folder.toString()))
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().isInstanceOf(RuleCompilationException.class).hasMessageContaining("broken.drl:5:"));
  }

  @Test
  void aChangedRuleFileInTheWatchedFolderIsReloadedAndABrokenOneKeepsTheRunningRules() throws IOException {
    copyPackagedRules();
    Path pace = folder.resolve("pace.drl");
    String original = Files.readString(pace);
    new ApplicationContextRunner()
        .withUserConfiguration(RuleBook.class, RuleFolderWatcher.class)
        .withBean(RulesProperties.class, () -> new RulesProperties(folder.toString(), true))
        .run(context -> {
          RuleBook book = context.getBean(RuleBook.class);
          RuleFolderWatcher watcher = context.getBean(RuleFolderWatcher.class);
          assertThat(watcher.isRunning()).isTrue();

          Files.writeString(pace, original.replace("rule \"Follow-up overdue\"", "rule \"Follow up today\""));
          await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
              assertThat(book.decide(followUpOverdue())).extracting(NudgeDecision::rule).containsExactly("Follow up today"));

          long version = book.current().version();
          long attempts = watcher.attempts();
          Files.writeString(folder.resolve("broken.drl"), BROKEN);
          await().atMost(Duration.ofSeconds(20)).until(() -> watcher.attempts() > attempts);
          assertThat(book.current().version()).isEqualTo(version);
          assertThat(book.decide(followUpOverdue())).extracting(NudgeDecision::rule).containsExactly("Follow up today");

          // a file that is not a rule file changes nothing
          Files.delete(folder.resolve("broken.drl"));
          await().atMost(Duration.ofSeconds(20)).until(() -> book.current().version() > version);
          long afterRepair = watcher.attempts();
          Files.writeString(folder.resolve("notes.txt"), "not rules");
          Thread.sleep(3 * RuleFolderWatcher.QUIET_MILLIS);
          assertThat(watcher.attempts()).isEqualTo(afterRepair);
        });
  }

  @Test
  void theFolderIsNotWatchedWhenWatchingIsOff() throws IOException {
    copyPackagedRules();
    new ApplicationContextRunner()
        .withUserConfiguration(RuleBook.class, RuleFolderWatcher.class)
        .withBean(RulesProperties.class, () -> new RulesProperties(folder.toString(), false))
        .run(context -> assertThat(context.getBean(RuleFolderWatcher.class).isRunning()).isFalse());
  }

  @Test
  void aThresholdNoRuleNamesIsNotHandedToTheRulesAndOneANewRuleNamesIs() throws IOException {
    copyPackagedRules();
    RuleBook book = new RuleBook(new RulesProperties(folder.toString()));
    assertThat(book.current().mentions(new ThresholdValue("coaching.cap.nudges-per-day", 3))).isTrue();
    assertThat(book.current().mentions(new ThresholdValue("drift.watch-days", 90))).isFalse();

    // a rule that reads a threshold no rule read before gets it after the reload
    Files.writeString(folder.resolve("drift.drl"), """
        package com.journeycoach.rules;
        import com.journeycoach.coaching.*;
        rule "Drift watch"
        when
            Occasion(kind == Occasion.Kind.DAILY_REVIEW)
            ThresholdValue(name == "drift.watch-days", value >= 90)
            $distributor : DistributorProfile()
        then
            insert(new NudgeDecision($distributor.distributorId(), Nudge.Audience.DISTRIBUTOR, "DRIFT", null, "coaching.drift", 3,
                drools.getRule().getName()));
        end
        """);
    List<Object> facts = List.of(Occasion.dailyReview(), RulesFixture.distributor(), RulesFixture.noForecast(),
        new ThresholdValue("drift.watch-days", 90), new ThresholdValue("coaching.cap.nudges-per-day", 3),
        new ThresholdValue("coaching.repeat-window-hours", 24));
    assertThat(book.decide(facts)).extracting(NudgeDecision::rule).doesNotContain("Drift watch");
    book.reload();
    assertThat(book.decide(facts)).extracting(NudgeDecision::rule).contains("Drift watch");
  }

  @Test
  void anEmptyFolderIsAnError() {
    assertThatThrownBy(() -> new RuleBook(new RulesProperties(folder.toString())))
        .isInstanceOf(RuleCompilationException.class).hasMessageContaining("no .drl files");
  }
}
