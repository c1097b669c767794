package com.journeycoach.system;

import jakarta.servlet.ServletRegistration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The webapps' own engine API ({@code /camunda/api/engine}, what Tasklist and Cockpit call) answers the
 * application's refusals as {@code /engine-rest} does: a form's bad answer 400 naming the field, a refused
 * reassignment 403. Camunda's handlers there know neither and answer 500 with a stack trace in the log.
 *
 * <p>Camunda's webapp initializer registers the servlet "Engine Api" only when no servlet of that name
 * exists; this one comes first, with the same servlet and mapping and Camunda's resources plus our mappers.
 */
@Configuration
public class WebappEngineRest {

  static final String SERVLET_NAME = "Engine Api";

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  ServletContextInitializer webappEngineRestWithProblems(@Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    return servletContext -> {
      ServletRegistration.Dynamic servlet = servletContext.addServlet(SERVLET_NAME, ServletContainer.class);
      servlet.addMapping(webappPath + "/api/engine/*");
      servlet.setInitParameters(Map.of("jakarta.ws.rs.Application", WithProblems.class.getName()));
    };
  }

  /** Camunda's engine API of the webapps, plus the mappers of the application's own refusals. */
  public static class WithProblems extends EngineRestApplication {
    @Override
    public Set<Class<?>> getClasses() {
      Set<Class<?>> classes = new HashSet<>(super.getClasses());
      classes.add(EngineRestProblems.InvalidInputMapper.class);
      classes.add(EngineRestProblems.ForbiddenMapper.class);
      return classes;
    }
  }
}
