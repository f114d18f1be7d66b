package io.perfplane.cost.sizing;

/** The catalog meters the estimator prices (see {@link io.perfplane.cost.catalog.PriceEntry#meter()}). */
public final class Meters {

  public static final String EKS_CLUSTER_HOUR = "eks-cluster-hour";
  public static final String EC2_INSTANCE_HOUR = "ec2-instance-hour";
  public static final String AURORA_ACU_HOUR = "aurora-serverless-v2-acu-hour";
  public static final String AURORA_STORAGE = "aurora-storage-gb-month";
  public static final String MSK_BROKER_HOUR = "msk-broker-hour";
  public static final String MSK_STORAGE = "msk-storage-gb-month";
  public static final String ALB_HOUR = "alb-hour";
  public static final String ALB_LCU_HOUR = "alb-lcu-hour";

  private Meters() {
  }
}
