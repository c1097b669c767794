package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a process owner opens in Camunda Modeler: every BPMN drawn, every form present and well formed. */
class ContentFoldersTest {

  static Stream<Path> processes() throws IOException {
    return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
  }

  static Stream<Path> forms() throws IOException {
    return Files.list(Path.of("forms")).filter(p -> p.toString().endsWith(".form")).sorted();
  }

  @ParameterizedTest
  @MethodSource("processes")
  void processIsModelerReady(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Bpmn.validateModel(model);

    List<Process> processes = List.copyOf(model.getModelElementsByType(Process.class));
    assertThat(processes).hasSize(1);
    Process process = processes.get(0);
    assertThat(file.getFileName().toString()).isEqualTo(process.getId() + ".bpmn");
    assertThat(process.getId()).matches("[a-z]+(-[a-z]+)*");
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive").isNotBlank();

    Set<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
        .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
    Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .map(edge -> edge.getBpmnElement().getId()).collect(Collectors.toSet());
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(drawn).as("%s has a shape in the diagram", node.getId()).contains(node.getId());
      // a merge, or a parallel split, asks no question and needs no label
      boolean unlabelledGateway = node instanceof Gateway && (node.getOutgoing().size() == 1 || node instanceof ParallelGateway);
      if (!unlabelledGateway) {
        assertThat(node.getName()).as("%s has a label", node.getId()).isNotBlank();
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(edges).as("%s has an edge in the diagram", flow.getId()).contains(flow.getId());
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String formRef = task.getCamundaFormRef();
      assertThat(formRef).as("%s links a Camunda Form", task.getId()).isNotBlank();
      assertThat(Path.of("forms", formRef + ".form")).as("form of %s", task.getId()).exists();
    }
  }

  @ParameterizedTest
  @MethodSource("forms")
  void formIsAWellFormedCamundaForm(Path file) throws IOException {
    JsonNode form = new ObjectMapper().readTree(file.toFile());

    assertThat(file.getFileName().toString()).isEqualTo(form.path("id").asText() + ".form");
    assertThat(form.path("type").asText()).isEqualTo("default");
    assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
    assertThat(form.path("components").isArray()).isTrue();
    Set<String> keys = new HashSet<>();
    for (JsonNode component : form.path("components")) {
      assertThat(component.path("type").asText()).isNotBlank();
      if (component.hasNonNull("key")) {
        assertThat(keys.add(component.get("key").asText())).as("key %s is unique", component.get("key")).isTrue();
        assertThat(component.path("label").asText()).as("field %s has a label", component.get("key")).isNotBlank();
      }
    }
  }
}
