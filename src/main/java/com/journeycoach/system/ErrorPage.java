package com.journeycoach.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}), in place of Spring Boot's: a problem detail with the
 * status of the error and no more (no exception, message or path of the server). Asked for directly,
 * without an error, it is a page that is not there: 404.
 */
@RestController
class ErrorPage implements ErrorController {

  @RequestMapping(value = "/error", produces = MediaType.ALL_VALUE)
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null && value >= 400
        ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
    String detail = status == HttpStatus.NOT_FOUND ? "There is nothing here."
        : status.is5xxServerError() ? "The request could not be completed; the error is logged on the server."
        : "The request was refused (" + status.getReasonPhrase() + ").";
    ProblemDetail problem = ProblemDetails.problem(status, status.getReasonPhrase(), detail);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
