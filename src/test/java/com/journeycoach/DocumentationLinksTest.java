package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ are what a user reads: every relative link in them must lead to a file of the repository
 * and, with a {@code #fragment}, to a heading of that file; the README stays a short manual; and nothing in the
 * repository points to files outside it or to a tracker's numbers, which a reader of the repository cannot follow.
 */
class DocumentationLinksTest {

  static final Path ROOT = Path.of("").toAbsolutePath().normalize();
  static final int README_MAX_LINES = 250;

  /** The folders and files that make up the repository (the build output, data and IDE files are not among them). */
  static final List<String> CONTENT = List.of("README.md", "pom.xml", ".gitignore", ".ci", "docs", "docker", "forms",
      "processes", "rules", "scripts", "src");

  static final Pattern FENCE = Pattern.compile("(?m)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$", Pattern.DOTALL);
  static final Pattern CODE_SPAN = Pattern.compile("(`+)(?s).+?\\1");
  static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
  static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.*?)[ \\t#]*$");
  static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  static final String OUTSIDE = ".." + "/shared";
  static final Pattern TRACKER_NUMBER = Pattern.compile("(?i)\\bissues?[ /#-]*\\d+\\b");

  @Test
  void readmeIsAShortManual() throws IOException {
    assertThat(Files.readAllLines(ROOT.resolve("README.md")).size()).as("lines of README.md; reference and method go to docs/")
        .isLessThanOrEqualTo(README_MAX_LINES);
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeadingOfTheRepository() throws IOException {
    List<String> broken = new ArrayList<>();
    Map<Path, Set<String>> anchors = new HashMap<>();
    for (Path page : pages()) {
      String text = withoutCode(Files.readString(page));
      List<String> targets = new ArrayList<>();
      LINK.matcher(text).results().forEach(m -> targets.add(m.group(2)));
      REFERENCE.matcher(text).results().forEach(m -> targets.add(m.group(1)));
      for (String target : targets) {
        String problem = check(page, target, anchors);
        if (problem != null) {
          broken.add(ROOT.relativize(page) + ": (" + target + ") " + problem);
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void nothingPointsOutsideTheRepositoryOrToATrackersNumbers() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : contentFiles()) {
      byte[] bytes = Files.readAllBytes(file);
      if (isBinary(bytes)) {
        continue;
      }
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher number = TRACKER_NUMBER.matcher(lines[i]);
        if (lines[i].contains(OUTSIDE) || number.find()) {
          found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
        }
      }
    }
    assertThat(found).as("references outside the repository").isEmpty();
  }

  @Test
  void anchorsFollowGitHubsRules() {
    assertThat(anchor("Reminders: `nudge-delivery`")).isEqualTo("reminders-nudge-delivery");
    assertThat(anchor("Running on MySQL or MariaDB")).isEqualTo("running-on-mysql-or-mariadb");
    assertThat(anchor("What is built, and what is not yet")).isEqualTo("what-is-built-and-what-is-not-yet");
    assertThat(anchor("See [the API](api.md) & *more*")).isEqualTo("see-the-api--more");
    assertThat(anchor("snake_case stays")).isEqualTo("snake_case-stays");
    assertThat(TRACKER_NUMBER.matcher("as issue " + "14 said").find()).isTrue();
    assertThat(TRACKER_NUMBER.matcher("see issues/" + "14").find()).isTrue();
    assertThat(TRACKER_NUMBER.matcher("an issuer of 14 tokens").find()).isFalse();
  }

  /** What is wrong with a link from {@code page} to {@code target}, or null when it resolves (or is not relative). */
  static String check(Path page, String target, Map<Path, Set<String>> anchors) {
    if (target.isEmpty() || SCHEME.matcher(target).find() || target.startsWith("//")) {
      return null;
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    if (path.startsWith("/")) {
      return "an absolute path: write it relative to the page";
    }
    Path file = path.isEmpty() ? page : page.getParent().resolve(decode(path)).normalize();
    if (!file.startsWith(ROOT)) {
      return "outside the repository";
    }
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (fragment == null || fragment.isEmpty()) {
      return null;
    }
    if (!file.toString().endsWith(".md")) {
      return "a fragment of a file that is not Markdown";
    }
    Set<String> known = anchors.computeIfAbsent(file, DocumentationLinksTest::anchorsOf);
    return known.contains(decode(fragment)) ? null : "no heading with that anchor in " + ROOT.relativize(file);
  }

  /** The anchors GitHub gives the headings of a page: a repeated heading gets -1, -2, ... */
  static Set<String> anchorsOf(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    Matcher heading = HEADING.matcher(FENCE.matcher(text).replaceAll(""));
    while (heading.find()) {
      String anchor = anchor(heading.group(1));
      int times = seen.merge(anchor, 1, Integer::sum);
      anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
    }
    return anchors;
  }

  /** GitHub's anchor of a heading: its text in lower case, punctuation dropped, each space a hyphen. */
  static String anchor(String heading) {
    String text = LINK.matcher(heading).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    text = text.replaceAll("<[^>]+>", "");
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
  }

  static String withoutCode(String markdown) {
    return CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
  }

  static String decode(String part) {
    return java.net.URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  static List<Path> contentFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String entry : CONTENT) {
      Path path = ROOT.resolve(entry);
      if (!Files.exists(path)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    return files;
  }

  static boolean isBinary(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
