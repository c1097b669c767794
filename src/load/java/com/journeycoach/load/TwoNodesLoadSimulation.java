package com.journeycoach.load;

/** The same load on two nodes sharing one database, each virtual user on one of them. */
public class TwoNodesLoadSimulation extends JourneyLoad {

  public TwoNodesLoadSimulation() {
    super(2);
  }
}
