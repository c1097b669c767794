package com.journeycoach.system;

import java.sql.SQLException;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.SuspendedEntityInteractionException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotAllowedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.exception.NullValueException;

/** How an exception of the engine answers a REST caller: its status, and a detail without internals. */
final class EngineErrors {

  /** SQL, stack frames and qualified class names: what no answer carries. */
  private static final Pattern INTERNALS = Pattern.compile(
      "(?i)(\\b(select|insert|update|delete)\\b.*\\b(from|into|set|where)\\b|ACT_[A-Z]{2}_|###|SQLState|jdbc|\\tat "
          + "|\\b(org|com|java|javax|jakarta)\\.[a-z]+\\.)");
  /** MySQL's "incorrect string value" (a character its utf8 tables cannot hold) has a SQL state of its own. */
  private static final int MYSQL_INCORRECT_STRING_VALUE = 1366;

  private EngineErrors() {
  }

  static int status(ProcessEngineException e) {
    if (e instanceof AuthorizationException) {
      return 403;
    }
    if (e instanceof NotFoundException) {
      return 404;
    }
    if (e instanceof OptimisticLockingException || e instanceof TaskAlreadyClaimedException
        || e instanceof SuspendedEntityInteractionException) {
      return 409;
    }
    SQLException sql = sqlCause(e);
    if (sql != null) {
      String state = sql.getSQLState() == null ? "" : sql.getSQLState();
      if (state.startsWith("23")) {
        return 409;
      }
      if (state.startsWith("22") || sql.getErrorCode() == MYSQL_INCORRECT_STRING_VALUE) {
        return 400;
      }
      return 500;
    }
    if (e instanceof BadUserRequestException || e instanceof NullValueException || e instanceof NotValidException
        || e instanceof NotAllowedException || e instanceof ParseException || e instanceof MismatchingMessageCorrelationException
        || e.getClass() == ProcessEngineException.class) {
      // the engine throws a plain ProcessEngineException for what it refuses to do with the given input
      return 400;
    }
    return 500;
  }

  static boolean hasInternals(String message) {
    return INTERNALS.matcher(message).find();
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid input";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      default -> "Internal error";
    };
  }

  static String detail(ProcessEngineException e, int status) {
    String message = e.getMessage();
    if (status < 500 && message != null && !INTERNALS.matcher(message).find()) {
      return message;
    }
    return switch (status) {
      case 400 -> "A value cannot be stored: too long, out of range, or with characters the engine's tables cannot hold"
          + " (emoji and others beyond U+FFFF).";
      case 409 -> "It exists already, or it was changed by someone else meanwhile.";
      case 403 -> "Not allowed.";
      case 404 -> "Not found.";
      default -> "The request could not be completed; the error is logged on the server.";
    };
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
