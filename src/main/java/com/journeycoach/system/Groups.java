package com.journeycoach.system;

import java.util.List;

/** The Camunda groups of Journey Coach (DESIGN.md, Security). */
public final class Groups {

  public static final String DISTRIBUTORS = "distributors";
  public static final String SPONSORS = "sponsors";
  public static final String MANAGERS = "managers";
  public static final String PROCESS_OWNERS = "process-owners";
  public static final String ADMINS = "camunda-admin";
  /** Other systems (shop, CRM, video player) that report touchpoints through /api; no webapp. */
  public static final String INTEGRATORS = "integrators";

  public static final List<String> ALL = List.of(DISTRIBUTORS, SPONSORS, MANAGERS, PROCESS_OWNERS, ADMINS, INTEGRATORS);

  private Groups() {
  }

  static String displayName(String groupId) {
    return switch (groupId) {
      case DISTRIBUTORS -> "Distributors";
      case SPONSORS -> "Sponsors";
      case MANAGERS -> "Managers";
      case PROCESS_OWNERS -> "Process owners";
      case ADMINS -> "Camunda administrators";
      case INTEGRATORS -> "Integrations (shop, CRM, video player)";
      default -> groupId;
    };
  }
}
