package com.journeycoach.load;

/** The load on one node. */
public class OneNodeLoadSimulation extends JourneyLoad {

  public OneNodeLoadSimulation() {
    super(1);
  }
}
