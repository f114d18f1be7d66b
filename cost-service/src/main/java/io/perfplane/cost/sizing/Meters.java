package io.perfplane.cost.sizing;

/** The catalog meters and discounts the estimator prices (see {@link io.perfplane.cost.catalog.PriceEntry#meter()}). */
final class Meters {

  public static final String EKS_CLUSTER_HOUR = "eks-cluster-hour";
  public static final String EC2_INSTANCE_HOUR = "ec2-instance-hour";
  public static final String AURORA_ACU_HOUR = "aurora-serverless-v2-acu-hour";
  public static final String AURORA_ACU_HOUR_IO_OPTIMIZED = "aurora-serverless-v2-acu-hour-io-optimized";
  public static final String AURORA_STORAGE = "aurora-storage-gb-month";
  public static final String AURORA_STORAGE_IO_OPTIMIZED = "aurora-storage-gb-month-io-optimized";
  public static final String AURORA_IO = "aurora-io-requests";
  public static final String MSK_BROKER_HOUR = "msk-broker-hour";
  public static final String MSK_STORAGE = "msk-storage-gb-month";
  public static final String MSK_SERVERLESS_CLUSTER_HOUR = "msk-serverless-cluster-hour";
  public static final String MSK_SERVERLESS_PARTITION_HOUR = "msk-serverless-partition-hour";
  public static final String MSK_SERVERLESS_STORAGE = "msk-serverless-storage-gb-month";
  public static final String MSK_SERVERLESS_DATA_IN = "msk-serverless-data-in-gb";
  public static final String MSK_SERVERLESS_DATA_OUT = "msk-serverless-data-out-gb";
  public static final String ALB_HOUR = "alb-hour";
  public static final String ALB_LCU_HOUR = "alb-lcu-hour";
  public static final String NAT_HOUR = "nat-gateway-hour";
  public static final String NAT_GB = "nat-gateway-gb";
  public static final String CLOUDFRONT_DATA_OUT = "cloudfront-data-out-gb";
  public static final String CLOUDFRONT_REQUESTS = "cloudfront-https-requests";
  public static final String S3_STORAGE = "s3-storage-gb-month";
  public static final String S3_GET = "s3-get-requests";
  public static final String S3_PUT = "s3-put-requests";
  public static final String DATA_TRANSFER_OUT = "data-transfer-out-gb";
  public static final String LOGS_INGEST = "cloudwatch-logs-ingest-gb";
  public static final String LOGS_STORAGE = "cloudwatch-logs-storage-gb-month";

  public static final String SPOT_DISCOUNT = "ec2-spot";
  public static final String SAVINGS_PLAN_DISCOUNT = "ec2-compute-savings-plan-1yr-no-upfront";
  public static final String RESERVED_DISCOUNT = "ec2-reserved-1yr-standard-no-upfront";

  private Meters() {
  }
}
