package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class ConnectionPoolRuleTest {

  private final ApplicationContextRunner node = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
      .withUserConfiguration(WithTheRule.class)
      .withPropertyValues("spring.datasource.url=jdbc:h2:mem:connection-pool-rule;DB_CLOSE_DELAY=-1");

  @Test
  void eachJobThreadCountsTwoConnectionsPlusHeadroom() {
    assertThat(ConnectionPoolRule.connectionsNeeded(10)).isEqualTo(25);
    assertThat(ConnectionPoolRule.violation(10, 25)).isEmpty();
    assertThat(ConnectionPoolRule.violation(10, 24)).isPresent();
  }

  @Test
  void theStalledTrialsConfigurationIsRefusedNamingBothNumbersAndProperties() {
    assertThat(ConnectionPoolRule.violation(20, 20)).hasValueSatisfying(message -> assertThat(message)
        .contains("20 job threads (camunda.bpm.job-execution.max-pool-size)")
        .contains("the pool has 20 (spring.datasource.hikari.maximum-pool-size")
        .contains("at least 45").contains("at most 7"));
  }

  @Test
  void nodeWithJobThreadsAtItsPoolSizeRefusesToStart() {
    node.withPropertyValues("camunda.bpm.job-execution.max-pool-size=20", "spring.datasource.hikari.maximum-pool-size=20")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("20 job threads").hasMessageContaining("the pool has 20"));
  }

  @Test
  void theDefaultsKeepTheRule() {
    node.withInitializer(new ConfigDataApplicationContextInitializer())
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ConnectionPoolRule.class)
            .getBean(CamundaBpmProperties.class).satisfies(camunda -> assertThat(camunda.getJobExecution().isEnabled()).isTrue()));
  }

  @Test
  void theMysqlProfilesDefaultsKeepTheRule() {
    node.withInitializer(new ConfigDataApplicationContextInitializer())
        .withPropertyValues("spring.profiles.active=mysql", "JOURNEY_DB_URL=jdbc:h2:mem:connection-pool-rule-mysql",
            "JOURNEY_DB_USER=sa", "JOURNEY_DB_PASSWORD=", "spring.datasource.driver-class-name=org.h2.Driver")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ConnectionPoolRule.class));
  }

  @Test
  void theJobExecutorRunsWhenNothingTurnsItOff() {
    node.withPropertyValues("spring.datasource.hikari.maximum-pool-size=10")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void withoutAJobExecutorAnyPoolStarts() {
    node.withPropertyValues("camunda.bpm.job-execution.enabled=false", "spring.datasource.hikari.maximum-pool-size=2")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Configuration
  @EnableConfigurationProperties(CamundaBpmProperties.class)
  @Import(ConnectionPoolRule.class)
  static class WithTheRule {
  }
}
