package com.journeycoach.system;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API answers any exception from a delegate with 500. A form submitted to
 * {@code /engine-rest} with answers our steps refuse is the caller's mistake: answer 400 with a problem detail.
 */
@Component
public class EngineRestProblems extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(InvalidInputMapper.class);
    register(ForbiddenMapper.class);
    register(EngineExceptionMapper.class);
    register(RestRequestMapper.class);
    register(JsonBodyMapper.class);
    register(JsonMappingMapper.class);
    register(JsonParseMapper.class);
    register(RequestShapeMapper.class);
  }

  static Response problem(int status, String title, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    // Camunda's own error answers name it "message"; Modeler and other REST clients show that
    problem.put("message", detail);
    return Response.status(status).type(MediaType.valueOf("application/problem+json")).entity(problem).build();
  }

  /**
   * Camunda answers most of its own exceptions with 500 and their message, which may carry a SQL
   * statement: a duplicate membership, a value its 3-byte tables cannot store, an unknown variable. The
   * caller's mistakes become 4xx problems here, and no answer carries SQL or a class name.
   */
  @Priority(Priorities.USER - 100)
  public static class EngineExceptionMapper implements ExceptionMapper<ProcessEngineException> {

    private static final Logger log = LoggerFactory.getLogger(EngineExceptionMapper.class);

    @Override
    public Response toResponse(ProcessEngineException e) {
      int status = EngineErrors.status(e);
      if (status >= 500) {
        log.error("Engine error answering a REST request", e);
      }
      return problem(status, EngineErrors.title(status), EngineErrors.detail(e, status));
    }
  }

  /** Camunda's REST layer refuses a request it cannot read (an unknown id, a value of the wrong type) without internals. */
  @Priority(Priorities.USER - 100)
  public static class RestRequestMapper implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException e) {
      int status = e.getStatus() == null || e.getStatus().getStatusCode() >= 500 ? 400 : e.getStatus().getStatusCode();
      String detail = e.getMessage() != null && !EngineErrors.hasInternals(e.getMessage()) ? e.getMessage()
          : "The request names something that does not exist or gives a value of the wrong type.";
      return problem(status, EngineErrors.title(status), detail);
    }
  }

  /** A body that is not JSON of the shape the engine's API expects. */
  @Priority(Priorities.USER - 100)
  public static class JsonBodyMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      return notJsonOfTheShape();
    }
  }

  /** Camunda maps this type with its own handler, which shows Java type names: the same type, a higher priority. */
  @Priority(Priorities.USER - 100)
  public static class JsonMappingMapper implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException e) {
      return notJsonOfTheShape();
    }
  }

  @Priority(Priorities.USER - 100)
  public static class JsonParseMapper implements ExceptionMapper<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException e) {
      return notJsonOfTheShape();
    }
  }

  static Response notJsonOfTheShape() {
    return problem(400, "Invalid input", "The body is not JSON of the expected shape (see Camunda's REST API reference).");
  }

  /**
   * Camunda's REST resources fail with a NullPointerException or an IllegalStateException on a request
   * of the wrong shape (no body, a value of another type than it says); Camunda answers those 500 with
   * the JVM's message. They are the caller's: 400, without the message. Anything else stays a logged 500.
   */
  @Priority(Priorities.USER - 100)
  public static class RequestShapeMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger log = LoggerFactory.getLogger(RequestShapeMapper.class);

    @Override
    public Response toResponse(RuntimeException e) {
      if (e instanceof WebApplicationException web) {
        int status = web.getResponse().getStatus();
        return problem(status, EngineErrors.title(status), status == 404 ? "Not found." : "The request cannot be answered as sent.");
      }
      if (e instanceof NullPointerException || e instanceof IllegalStateException || e instanceof IllegalArgumentException
          || e instanceof ClassCastException || e instanceof java.time.DateTimeException) {
        return problem(400, "Invalid input", "The request is missing a value or gives one of another type than it says.");
      }
      log.error("Unexpected error answering an engine REST request", e);
      return problem(500, "Internal error", "The request could not be completed; the error is logged on the server.");
    }
  }

  /** What a person may not do to a task or a process (see {@link FormSubmissions}). */
  public static class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {
    @Override
    public Response toResponse(ForbiddenException e) {
      return problem(403, "Forbidden", e.getMessage());
    }
  }

  public static class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException e) {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "about:blank");
      problem.put("title", "Invalid input");
      problem.put("status", 400);
      problem.put("detail", e.getMessage());
      problem.put("errors", e.errors());
      return Response.status(400).type(MediaType.valueOf("application/problem+json")).entity(problem).build();
    }
  }
}
