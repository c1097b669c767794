package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.content.AssetReviewProcess;
import com.journeycoach.journey.DistributorOnboarding;
import com.journeycoach.journey.ProspectDevelopment;
import com.journeycoach.notification.NudgeDelivery;
import com.journeycoach.statistics.ThresholdTuningProcess;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.transform.dom.DOMSource;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Every expression of every diagram (and of the earlier diagrams journeys may still run on) resolves in
 * the running application: {@code ${bean.method(args)}} names a bean with a public method of that name
 * and arity; a {@code delegateExpression} names a bean of the kind its place needs (a JavaDelegate for a
 * task, an ExecutionListener or JavaDelegate for an execution listener, a TaskListener for a task
 * listener); any other name is a variable the diagram reads, and each is one of {@link #VARIABLES}. The
 * engine checks none of this when it deploys a diagram: a typo would show as an incident at runtime.
 */
@JourneyCoachTest
class ProcessExpressionsTest {

  /** The variables the diagrams read by name, from the process contracts. */
  static final Set<String> VARIABLES = Set.of(
      ProspectDevelopment.DISTRIBUTOR_ID, ProspectDevelopment.SHARE_ID, ProspectDevelopment.ASSET_LEFT, ProspectDevelopment.VIEWED,
      ProspectDevelopment.READY_TO_PRESENT, ProspectDevelopment.OUTCOME, ProspectDevelopment.OTHER_ASSET_CHOSEN,
      ProspectDevelopment.PROSPECT_DECIDED, ProspectDevelopment.ASSET_SKIPPED,
      DistributorOnboarding.SPONSOR_ID, DistributorOnboarding.REVIEWER_ID, DistributorOnboarding.ENROLLEE_NAME,
      NudgeDelivery.DELIVERABLE, NudgeDelivery.WAIT_UNTIL,
      ThresholdTuningProcess.LARGE_CHANGES_PROPOSED, ThresholdTuningProcess.THRESHOLD_DECISION,
      AssetReviewProcess.REVIEW_DECISION);

  /** What the engine itself provides to an expression, and the words of the expression language. */
  static final Set<String> BUILT_IN = Set.of("execution", "task", "externalTask", "null", "true", "false", "empty", "not", "and",
      "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");

  static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  static final Pattern CALL = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*)\\s*\\.\\s*([A-Za-z_]\\w*)\\s*\\(");
  static final Pattern NAME = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*)(?![\\w(])(?!\\s*\\.)");

  @Autowired
  ApplicationContext context;

  record Found(String file, String element, String attribute, String kind, String expression) {

    String where() {
      return file + " " + element + " " + attribute + ": " + expression;
    }
  }

  static List<Path> diagrams() throws IOException {
    List<Path> diagrams = new ArrayList<>();
    for (Path folder : List.of(Path.of("processes"), Path.of("src/test/resources/legacy"))) {
      try (Stream<Path> files = Files.list(folder)) {
        files.filter(file -> file.toString().endsWith(".bpmn")).sorted().forEach(diagrams::add);
      }
    }
    return diagrams;
  }

  @Test
  void everyExpressionInEveryDiagramResolves() throws IOException {
    List<Found> expressions = new ArrayList<>();
    for (Path diagram : diagrams()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
      collect(diagram.getFileName().toString(), ((DOMSource) model.getDocument().getDomSource()).getNode(), expressions);
    }
    assertThat(expressions).as("expressions found").hasSizeGreaterThan(40);

    List<String> problems = new ArrayList<>();
    Set<String> variablesRead = new TreeSet<>();
    for (Found found : expressions) {
      Matcher matcher = EXPRESSION.matcher(found.expression());
      while (matcher.find()) {
        String body = QUOTED.matcher(matcher.group(1)).replaceAll("''");
        if ("delegateExpression".equals(found.attribute())) {
          checkDelegate(found, body.strip(), problems);
        }
        Matcher call = CALL.matcher(body);
        while (call.find()) {
          checkMethod(found, call.group(1), call.group(2), arity(body, call.end() - 1), problems);
        }
        Matcher name = NAME.matcher(CALL.matcher(body).replaceAll("("));
        while (name.find()) {
          String identifier = name.group(1);
          if (!BUILT_IN.contains(identifier) && !context.containsBean(identifier)) {
            variablesRead.add(identifier);
            if (!VARIABLES.contains(identifier)) {
              problems.add(found.where() + " reads '" + identifier + "', neither a bean nor a variable of a process contract");
            }
          }
        }
      }
    }
    assertThat(problems).as("expressions that do not resolve").isEmpty();
    assertThat(variablesRead).as("the variables the diagrams read").isEqualTo(new TreeSet<>(VARIABLES));
  }

  /** Every element's attributes and text that hold an expression, with where they are. */
  private static void collect(String file, Node node, List<Found> found) {
    if (node instanceof Element element) {
      String id = element.hasAttribute("id") ? element.getAttribute("id") : element.getLocalName();
      NamedNodeMap attributes = element.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr attribute = (Attr) attributes.item(i);
        if (EXPRESSION.matcher(attribute.getValue()).find()) {
          found.add(new Found(file, id, attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName(),
              element.getLocalName(), attribute.getValue()));
        }
      }
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
          if (EXPRESSION.matcher(child.getNodeValue()).find()) {
            found.add(new Found(file, parentId(element), element.getLocalName(), element.getLocalName(), child.getNodeValue().strip()));
          }
        } else {
          collect(file, child, found);
        }
      }
    } else {
      for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
        collect(file, child, found);
      }
    }
  }

  /** A condition or timer definition sits in an element without an id: name the element it belongs to. */
  private static String parentId(Element element) {
    for (Node at = element; at instanceof Element e; at = at.getParentNode()) {
      if (e.hasAttribute("id")) {
        return e.getAttribute("id");
      }
    }
    return element.getLocalName();
  }

  private void checkDelegate(Found found, String body, List<String> problems) {
    if (!body.matches("[A-Za-z_]\\w*")) {
      return; // a method returning the delegate: checked as a method below
    }
    if (!context.containsBean(body)) {
      problems.add(found.where() + ": no bean '" + body + "'");
      return;
    }
    Object bean = context.getBean(body);
    boolean fits = switch (found.kind()) {
      case "executionListener" -> bean instanceof ExecutionListener || bean instanceof JavaDelegate;
      case "taskListener" -> bean instanceof TaskListener;
      default -> bean instanceof JavaDelegate;
    };
    if (!fits) {
      problems.add(found.where() + ": bean '" + body + "' is a " + bean.getClass().getName() + ", not what a " + found.kind() + " runs");
    }
  }

  private void checkMethod(Found found, String beanName, String method, int arity, List<String> problems) {
    if (BUILT_IN.contains(beanName)) {
      return; // execution.getVariable(...) and the like: the engine's own
    }
    if (!context.containsBean(beanName)) {
      problems.add(found.where() + ": no bean '" + beanName + "'");
      return;
    }
    Class<?> type = ClassUtils.getUserClass(context.getBean(beanName));
    boolean exists = Arrays.stream(type.getMethods())
        .filter(candidate -> candidate.getName().equals(method) && Modifier.isPublic(candidate.getModifiers()))
        .anyMatch(candidate -> takes(candidate, arity));
    if (!exists) {
      problems.add(found.where() + ": bean '" + beanName + "' (" + type.getSimpleName() + ") has no public method " + method
          + " taking " + arity + " argument(s)");
    }
  }

  private static boolean takes(Method method, int arity) {
    return method.isVarArgs() ? arity >= method.getParameterCount() - 1 : method.getParameterCount() == arity;
  }

  /** The number of arguments of the call whose opening parenthesis is at {@code open}. */
  static int arity(String body, int open) {
    int depth = 0;
    int commas = 0;
    boolean any = false;
    for (int i = open; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return any ? commas + 1 : 0;
        }
      } else if (depth == 1 && c == ',') {
        commas++;
      } else if (depth >= 1 && !Character.isWhitespace(c)) {
        any = true;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses in " + body);
  }
}
