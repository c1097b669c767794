package com.journeycoach;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class JourneyCoachApplication {

  public static void main(String[] args) {
    SpringApplication.run(JourneyCoachApplication.class, args);
  }
}
