//! The Kubernetes API types Ordinal checks manifests against, written in a
//! compact notation (parsed by `schema.rs`). Field lists follow the v1.35
//! API types; strategic-merge keys follow their `patchStrategy` /
//! `patchMergeKey` tags.
//!
//! Notation: a line at column 0 starts a type (`Name` or `Name go=GoName`);
//! indented lines are its JSON fields: `name type [options]`.
//! Types: `string`, `string(v1.Named)`, `int32`, `int64`, `bool`,
//! `float64`, `intstr`, `quantity`, `time`, `bytes` (base64), `any` (not
//! checked), `object(v1.GoType)` (any JSON object: rare sources Ordinal does
//! not look into), `[T]` list, `{T}` or `{T}(v1.Named)` string-keyed map, or
//! a type name. Options: `merge=key` (list merged by key), `merge` (list of
//! scalars merged as a set), `retainKeys`. `...Type` inlines another type's
//! fields (Go embedding).
//!
//! Data only; may not import browser crates.

pub const SCHEMA: &str = r#"
TypeMeta
  apiVersion string
  kind string

ObjectMeta
  name string
  generateName string
  namespace string
  selfLink string
  uid string(types.UID)
  resourceVersion string
  generation int64
  creationTimestamp time
  deletionTimestamp time
  deletionGracePeriodSeconds int64
  labels {string}
  annotations {string}
  ownerReferences [OwnerReference] merge=uid
  finalizers [string] merge
  managedFields [ManagedFieldsEntry]

OwnerReference
  apiVersion string
  kind string
  name string
  uid string(types.UID)
  controller bool
  blockOwnerDeletion bool

ManagedFieldsEntry
  manager string
  operation string(v1.ManagedFieldsOperationType)
  apiVersion string
  time time
  fieldsType string
  fieldsV1 any
  subresource string

LabelSelector
  matchLabels {string}
  matchExpressions [LabelSelectorRequirement]

LabelSelectorRequirement
  key string
  operator string(v1.LabelSelectorOperator)
  values [string]

Condition
  type string
  status string(v1.ConditionStatus)
  observedGeneration int64
  lastTransitionTime time
  reason string
  message string

ObjectReference
  kind string
  namespace string
  name string
  uid string(types.UID)
  apiVersion string
  resourceVersion string
  fieldPath string

LocalObjectReference
  name string

TypedLocalObjectReference
  apiGroup string
  kind string
  name string

TypedObjectReference
  apiGroup string
  kind string
  name string
  namespace string

SecretReference
  name string
  namespace string

StatefulSet
  ...TypeMeta
  metadata ObjectMeta
  spec StatefulSetSpec
  status StatefulSetStatus

StatefulSetSpec
  replicas int32
  selector LabelSelector
  template PodTemplateSpec
  volumeClaimTemplates [PersistentVolumeClaim]
  serviceName string
  podManagementPolicy string(v1.PodManagementPolicyType)
  updateStrategy StatefulSetUpdateStrategy
  revisionHistoryLimit int32
  minReadySeconds int32
  persistentVolumeClaimRetentionPolicy StatefulSetPersistentVolumeClaimRetentionPolicy
  ordinals StatefulSetOrdinals

StatefulSetUpdateStrategy
  type string(v1.StatefulSetUpdateStrategyType)
  rollingUpdate RollingUpdateStatefulSetStrategy

RollingUpdateStatefulSetStrategy
  partition int32
  maxUnavailable intstr

StatefulSetPersistentVolumeClaimRetentionPolicy
  whenDeleted string(v1.PersistentVolumeClaimRetentionPolicyType)
  whenScaled string(v1.PersistentVolumeClaimRetentionPolicyType)

StatefulSetOrdinals
  start int32

StatefulSetStatus
  observedGeneration int64
  replicas int32
  readyReplicas int32
  currentReplicas int32
  updatedReplicas int32
  currentRevision string
  updateRevision string
  collisionCount int32
  conditions [StatefulSetCondition] merge=type
  availableReplicas int32

StatefulSetCondition
  type string(v1.StatefulSetConditionType)
  status string(v1.ConditionStatus)
  lastTransitionTime time
  reason string
  message string

ControllerRevision
  ...TypeMeta
  metadata ObjectMeta
  data any
  revision int64

PodTemplateSpec
  metadata ObjectMeta
  spec PodSpec

Pod
  ...TypeMeta
  metadata ObjectMeta
  spec PodSpec
  status PodStatus

PodSpec
  volumes [Volume] merge=name retainKeys
  initContainers [Container] merge=name
  containers [Container] merge=name
  ephemeralContainers [EphemeralContainer] merge=name
  restartPolicy string(v1.RestartPolicy)
  terminationGracePeriodSeconds int64
  activeDeadlineSeconds int64
  dnsPolicy string(v1.DNSPolicy)
  nodeSelector {string}
  serviceAccountName string
  serviceAccount string
  automountServiceAccountToken bool
  nodeName string
  hostNetwork bool
  hostPID bool
  hostIPC bool
  shareProcessNamespace bool
  securityContext PodSecurityContext
  imagePullSecrets [LocalObjectReference] merge=name
  hostname string
  hostnameOverride string
  subdomain string
  affinity Affinity
  schedulerName string
  tolerations [Toleration]
  hostAliases [HostAlias] merge=ip
  priorityClassName string
  priority int32
  dnsConfig PodDNSConfig
  readinessGates [PodReadinessGate]
  runtimeClassName string
  enableServiceLinks bool
  preemptionPolicy string(v1.PreemptionPolicy)
  overhead {quantity}(v1.ResourceList)
  topologySpreadConstraints [TopologySpreadConstraint] merge=topologyKey
  setHostnameAsFQDN bool
  os PodOS
  hostUsers bool
  schedulingGates [PodSchedulingGate] merge=name
  resourceClaims [PodResourceClaim] merge=name retainKeys
  resources ResourceRequirements
  workloadRef object(v1.WorkloadReference)

Container
  name string
  image string
  command [string]
  args [string]
  workingDir string
  ports [ContainerPort] merge=containerPort
  envFrom [EnvFromSource]
  env [EnvVar] merge=name
  resources ResourceRequirements
  resizePolicy [ContainerResizePolicy]
  restartPolicy string(v1.ContainerRestartPolicy)
  restartPolicyRules [ContainerRestartRule]
  volumeMounts [VolumeMount] merge=mountPath
  volumeDevices [VolumeDevice] merge=devicePath
  livenessProbe Probe
  readinessProbe Probe
  startupProbe Probe
  lifecycle Lifecycle
  terminationMessagePath string
  terminationMessagePolicy string(v1.TerminationMessagePolicy)
  imagePullPolicy string(v1.PullPolicy)
  securityContext SecurityContext
  stdin bool
  stdinOnce bool
  tty bool

EphemeralContainer
  ...Container
  targetContainerName string

ContainerPort
  name string
  hostPort int32
  containerPort int32
  protocol string(v1.Protocol)
  hostIP string

EnvVar
  name string
  value string
  valueFrom EnvVarSource

EnvVarSource
  fieldRef ObjectFieldSelector
  resourceFieldRef ResourceFieldSelector
  configMapKeyRef ConfigMapKeySelector
  secretKeyRef SecretKeySelector
  fileKeyRef FileKeySelector

ObjectFieldSelector
  apiVersion string
  fieldPath string

ResourceFieldSelector
  containerName string
  resource string
  divisor quantity

ConfigMapKeySelector
  name string
  key string
  optional bool

SecretKeySelector
  name string
  key string
  optional bool

FileKeySelector
  volumeName string
  path string
  key string
  optional bool

EnvFromSource
  prefix string
  configMapRef ConfigMapEnvSource
  secretRef SecretEnvSource

ConfigMapEnvSource
  name string
  optional bool

SecretEnvSource
  name string
  optional bool

ResourceRequirements
  limits {quantity}(v1.ResourceList)
  requests {quantity}(v1.ResourceList)
  claims [ResourceClaim]

ResourceClaim
  name string
  request string

VolumeResourceRequirements
  limits {quantity}(v1.ResourceList)
  requests {quantity}(v1.ResourceList)

ContainerResizePolicy
  resourceName string(v1.ResourceName)
  restartPolicy string(v1.ResourceResizeRestartPolicy)

ContainerRestartRule
  action string(v1.ContainerRestartRuleAction)
  exitCodes ContainerRestartRuleOnExitCodes

ContainerRestartRuleOnExitCodes
  operator string(v1.ContainerRestartRuleOnExitCodesOperator)
  values [int32]

VolumeMount
  name string
  readOnly bool
  recursiveReadOnly string(v1.RecursiveReadOnlyMode)
  mountPath string
  subPath string
  mountPropagation string(v1.MountPropagationMode)
  subPathExpr string

VolumeDevice
  name string
  devicePath string

Probe
  ...ProbeHandler
  initialDelaySeconds int32
  timeoutSeconds int32
  periodSeconds int32
  successThreshold int32
  failureThreshold int32
  terminationGracePeriodSeconds int64

ProbeHandler
  exec ExecAction
  httpGet HTTPGetAction
  tcpSocket TCPSocketAction
  grpc GRPCAction

ExecAction
  command [string]

HTTPGetAction
  path string
  port intstr
  host string
  scheme string(v1.URIScheme)
  httpHeaders [HTTPHeader]

HTTPHeader
  name string
  value string

TCPSocketAction
  port intstr
  host string

GRPCAction
  port int32
  service string

Lifecycle
  postStart LifecycleHandler
  preStop LifecycleHandler
  stopSignal string(v1.Signal)

LifecycleHandler
  exec ExecAction
  httpGet HTTPGetAction
  tcpSocket TCPSocketAction
  sleep SleepAction

SleepAction
  seconds int64

SecurityContext
  capabilities Capabilities
  privileged bool
  seLinuxOptions SELinuxOptions
  windowsOptions WindowsSecurityContextOptions
  runAsUser int64
  runAsGroup int64
  runAsNonRoot bool
  readOnlyRootFilesystem bool
  allowPrivilegeEscalation bool
  procMount string(v1.ProcMountType)
  seccompProfile SeccompProfile
  appArmorProfile AppArmorProfile

Capabilities
  add [string(v1.Capability)]
  drop [string(v1.Capability)]

SELinuxOptions
  user string
  role string
  type string
  level string

WindowsSecurityContextOptions
  gmsaCredentialSpecName string
  gmsaCredentialSpec string
  runAsUserName string
  hostProcess bool

SeccompProfile
  type string(v1.SeccompProfileType)
  localhostProfile string

AppArmorProfile
  type string(v1.AppArmorProfileType)
  localhostProfile string

PodSecurityContext
  seLinuxOptions SELinuxOptions
  windowsOptions WindowsSecurityContextOptions
  runAsUser int64
  runAsGroup int64
  runAsNonRoot bool
  supplementalGroups [int64]
  supplementalGroupsPolicy string(v1.SupplementalGroupsPolicy)
  fsGroup int64
  sysctls [Sysctl]
  fsGroupChangePolicy string(v1.PodFSGroupChangePolicy)
  seccompProfile SeccompProfile
  appArmorProfile AppArmorProfile
  seLinuxChangePolicy string(v1.PodSELinuxChangePolicy)

Sysctl
  name string
  value string

Affinity
  nodeAffinity NodeAffinity
  podAffinity PodAffinity
  podAntiAffinity PodAntiAffinity

NodeAffinity
  requiredDuringSchedulingIgnoredDuringExecution NodeSelector
  preferredDuringSchedulingIgnoredDuringExecution [PreferredSchedulingTerm]

NodeSelector
  nodeSelectorTerms [NodeSelectorTerm]

NodeSelectorTerm
  matchExpressions [NodeSelectorRequirement]
  matchFields [NodeSelectorRequirement]

NodeSelectorRequirement
  key string
  operator string(v1.NodeSelectorOperator)
  values [string]

PreferredSchedulingTerm
  weight int32
  preference NodeSelectorTerm

PodAffinity
  requiredDuringSchedulingIgnoredDuringExecution [PodAffinityTerm]
  preferredDuringSchedulingIgnoredDuringExecution [WeightedPodAffinityTerm]

PodAntiAffinity
  requiredDuringSchedulingIgnoredDuringExecution [PodAffinityTerm]
  preferredDuringSchedulingIgnoredDuringExecution [WeightedPodAffinityTerm]

PodAffinityTerm
  labelSelector LabelSelector
  namespaces [string]
  topologyKey string
  namespaceSelector LabelSelector
  matchLabelKeys [string]
  mismatchLabelKeys [string]

WeightedPodAffinityTerm
  weight int32
  podAffinityTerm PodAffinityTerm

Toleration
  key string
  operator string(v1.TolerationOperator)
  value string
  effect string(v1.TaintEffect)
  tolerationSeconds int64

TopologySpreadConstraint
  maxSkew int32
  topologyKey string
  whenUnsatisfiable string(v1.UnsatisfiableConstraintAction)
  labelSelector LabelSelector
  minDomains int32
  nodeAffinityPolicy string(v1.NodeInclusionPolicy)
  nodeTaintsPolicy string(v1.NodeInclusionPolicy)
  matchLabelKeys [string]

HostAlias
  ip string
  hostnames [string]

PodDNSConfig
  nameservers [string]
  searches [string]
  options [PodDNSConfigOption]

PodDNSConfigOption
  name string
  value string

PodReadinessGate
  conditionType string(v1.PodConditionType)

PodOS
  name string(v1.OSName)

PodSchedulingGate
  name string

PodResourceClaim
  name string
  resourceClaimName string
  resourceClaimTemplateName string

Volume
  name string
  ...VolumeSource

VolumeSource
  hostPath HostPathVolumeSource
  emptyDir EmptyDirVolumeSource
  gcePersistentDisk object(v1.GCEPersistentDiskVolumeSource)
  awsElasticBlockStore object(v1.AWSElasticBlockStoreVolumeSource)
  gitRepo object(v1.GitRepoVolumeSource)
  secret SecretVolumeSource
  nfs NFSVolumeSource
  iscsi object(v1.ISCSIVolumeSource)
  glusterfs object(v1.GlusterfsVolumeSource)
  persistentVolumeClaim PersistentVolumeClaimVolumeSource
  rbd object(v1.RBDVolumeSource)
  flexVolume object(v1.FlexVolumeSource)
  cinder object(v1.CinderVolumeSource)
  cephfs object(v1.CephFSVolumeSource)
  flocker object(v1.FlockerVolumeSource)
  downwardAPI DownwardAPIVolumeSource
  fc object(v1.FCVolumeSource)
  azureFile object(v1.AzureFileVolumeSource)
  configMap ConfigMapVolumeSource
  vsphereVolume object(v1.VsphereVirtualDiskVolumeSource)
  quobyte object(v1.QuobyteVolumeSource)
  azureDisk object(v1.AzureDiskVolumeSource)
  photonPersistentDisk object(v1.PhotonPersistentDiskVolumeSource)
  projected ProjectedVolumeSource
  portworxVolume object(v1.PortworxVolumeSource)
  scaleIO object(v1.ScaleIOVolumeSource)
  storageos object(v1.StorageOSVolumeSource)
  csi CSIVolumeSource
  ephemeral EphemeralVolumeSource
  image ImageVolumeSource

HostPathVolumeSource
  path string
  type string(v1.HostPathType)

EmptyDirVolumeSource
  medium string(v1.StorageMedium)
  sizeLimit quantity

SecretVolumeSource
  secretName string
  items [KeyToPath]
  defaultMode int32
  optional bool

ConfigMapVolumeSource
  name string
  items [KeyToPath]
  defaultMode int32
  optional bool

KeyToPath
  key string
  path string
  mode int32

NFSVolumeSource
  server string
  path string
  readOnly bool

PersistentVolumeClaimVolumeSource
  claimName string
  readOnly bool

DownwardAPIVolumeSource
  items [DownwardAPIVolumeFile]
  defaultMode int32

DownwardAPIVolumeFile
  path string
  fieldRef ObjectFieldSelector
  resourceFieldRef ResourceFieldSelector
  mode int32

ProjectedVolumeSource
  sources [VolumeProjection]
  defaultMode int32

VolumeProjection
  secret SecretProjection
  downwardAPI DownwardAPIProjection
  configMap ConfigMapProjection
  serviceAccountToken ServiceAccountTokenProjection
  clusterTrustBundle ClusterTrustBundleProjection
  podCertificate object(v1.PodCertificateProjection)

SecretProjection
  name string
  items [KeyToPath]
  optional bool

ConfigMapProjection
  name string
  items [KeyToPath]
  optional bool

DownwardAPIProjection
  items [DownwardAPIVolumeFile]

ServiceAccountTokenProjection
  audience string
  expirationSeconds int64
  path string

ClusterTrustBundleProjection
  name string
  signerName string
  labelSelector LabelSelector
  optional bool
  path string

CSIVolumeSource
  driver string
  readOnly bool
  fsType string
  volumeAttributes {string}
  nodePublishSecretRef LocalObjectReference

EphemeralVolumeSource
  volumeClaimTemplate PersistentVolumeClaimTemplate

PersistentVolumeClaimTemplate
  metadata ObjectMeta
  spec PersistentVolumeClaimSpec

ImageVolumeSource
  reference string
  pullPolicy string(v1.PullPolicy)

PodStatus
  observedGeneration int64
  phase string(v1.PodPhase)
  conditions [PodCondition] merge=type
  message string
  reason string
  nominatedNodeName string
  hostIP string
  hostIPs [HostIP] merge=ip
  podIP string
  podIPs [PodIP] merge=ip
  startTime time
  initContainerStatuses [ContainerStatus]
  containerStatuses [ContainerStatus]
  qosClass string(v1.PodQOSClass)
  ephemeralContainerStatuses [ContainerStatus]
  resize string(v1.PodResizeStatus)
  resourceClaimStatuses [any] merge=name
  extendedResourceClaimStatus any

PodCondition
  observedGeneration int64
  type string(v1.PodConditionType)
  status string(v1.ConditionStatus)
  lastProbeTime time
  lastTransitionTime time
  reason string
  message string

HostIP
  ip string

PodIP
  ip string

ContainerStatus
  name string
  state ContainerState
  lastState ContainerState
  ready bool
  restartCount int32
  image string
  imageID string
  containerID string
  started bool
  allocatedResources {quantity}(v1.ResourceList)
  resources ResourceRequirements
  volumeMounts [VolumeMountStatus] merge=mountPath
  user any
  allocatedResourcesStatus [any] merge=name
  stopSignal string(v1.Signal)

ContainerState
  waiting ContainerStateWaiting
  running ContainerStateRunning
  terminated ContainerStateTerminated

ContainerStateWaiting
  reason string
  message string

ContainerStateRunning
  startedAt time

ContainerStateTerminated
  exitCode int32
  signal int32
  reason string
  message string
  startedAt time
  finishedAt time
  containerID string

VolumeMountStatus
  name string
  mountPath string
  readOnly bool
  recursiveReadOnly string(v1.RecursiveReadOnlyMode)

PersistentVolumeClaim
  ...TypeMeta
  metadata ObjectMeta
  spec PersistentVolumeClaimSpec
  status PersistentVolumeClaimStatus

PersistentVolumeClaimSpec
  accessModes [string(v1.PersistentVolumeAccessMode)]
  selector LabelSelector
  resources VolumeResourceRequirements
  volumeName string
  storageClassName string
  volumeMode string(v1.PersistentVolumeMode)
  dataSource TypedLocalObjectReference
  dataSourceRef TypedObjectReference
  volumeAttributesClassName string

PersistentVolumeClaimStatus
  phase string(v1.PersistentVolumeClaimPhase)
  accessModes [string(v1.PersistentVolumeAccessMode)]
  capacity {quantity}(v1.ResourceList)
  conditions [PersistentVolumeClaimCondition] merge=type
  allocatedResources {quantity}(v1.ResourceList)
  allocatedResourceStatuses {string(v1.ClaimResourceStatus)}
  currentVolumeAttributesClassName string
  modifyVolumeStatus ModifyVolumeStatus

PersistentVolumeClaimCondition
  type string(v1.PersistentVolumeClaimConditionType)
  status string(v1.ConditionStatus)
  lastProbeTime time
  lastTransitionTime time
  reason string
  message string

ModifyVolumeStatus
  targetVolumeAttributesClassName string
  status string(v1.PersistentVolumeClaimModifyVolumeStatus)

PersistentVolume
  ...TypeMeta
  metadata ObjectMeta
  spec PersistentVolumeSpec
  status PersistentVolumeStatus

PersistentVolumeSpec
  capacity {quantity}(v1.ResourceList)
  ...PersistentVolumeSource
  accessModes [string(v1.PersistentVolumeAccessMode)]
  claimRef ObjectReference
  persistentVolumeReclaimPolicy string(v1.PersistentVolumeReclaimPolicy)
  storageClassName string
  mountOptions [string]
  volumeMode string(v1.PersistentVolumeMode)
  nodeAffinity VolumeNodeAffinity
  volumeAttributesClassName string

PersistentVolumeSource
  gcePersistentDisk object(v1.GCEPersistentDiskVolumeSource)
  awsElasticBlockStore object(v1.AWSElasticBlockStoreVolumeSource)
  hostPath HostPathVolumeSource
  glusterfs object(v1.GlusterfsPersistentVolumeSource)
  nfs NFSVolumeSource
  rbd object(v1.RBDPersistentVolumeSource)
  iscsi object(v1.ISCSIPersistentVolumeSource)
  cinder object(v1.CinderPersistentVolumeSource)
  cephfs object(v1.CephFSPersistentVolumeSource)
  fc object(v1.FCVolumeSource)
  flocker object(v1.FlockerVolumeSource)
  flexVolume object(v1.FlexPersistentVolumeSource)
  azureFile object(v1.AzureFilePersistentVolumeSource)
  vsphereVolume object(v1.VsphereVirtualDiskVolumeSource)
  quobyte object(v1.QuobyteVolumeSource)
  azureDisk object(v1.AzureDiskVolumeSource)
  photonPersistentDisk object(v1.PhotonPersistentDiskVolumeSource)
  portworxVolume object(v1.PortworxVolumeSource)
  scaleIO object(v1.ScaleIOPersistentVolumeSource)
  local LocalVolumeSource
  storageos object(v1.StorageOSPersistentVolumeSource)
  csi CSIPersistentVolumeSource

LocalVolumeSource
  path string
  fsType string

CSIPersistentVolumeSource
  driver string
  volumeHandle string
  readOnly bool
  fsType string
  volumeAttributes {string}
  controllerPublishSecretRef SecretReference
  nodeStageSecretRef SecretReference
  nodePublishSecretRef SecretReference
  controllerExpandSecretRef SecretReference
  nodeExpandSecretRef SecretReference

VolumeNodeAffinity
  required NodeSelector

PersistentVolumeStatus
  phase string(v1.PersistentVolumePhase)
  message string
  reason string
  lastPhaseTransitionTime time

StorageClass
  ...TypeMeta
  metadata ObjectMeta
  provisioner string
  parameters {string}
  reclaimPolicy string(v1.PersistentVolumeReclaimPolicy)
  mountOptions [string]
  allowVolumeExpansion bool
  volumeBindingMode string(v1.VolumeBindingMode)
  allowedTopologies [TopologySelectorTerm]

TopologySelectorTerm
  matchLabelExpressions [TopologySelectorLabelRequirement]

TopologySelectorLabelRequirement
  key string
  values [string]

Service
  ...TypeMeta
  metadata ObjectMeta
  spec ServiceSpec
  status ServiceStatus

ServiceSpec
  ports [ServicePort] merge=port
  selector {string}
  clusterIP string
  clusterIPs [string]
  type string(v1.ServiceType)
  externalIPs [string]
  sessionAffinity string(v1.ServiceAffinity)
  loadBalancerIP string
  loadBalancerSourceRanges [string]
  externalName string
  externalTrafficPolicy string(v1.ServiceExternalTrafficPolicy)
  healthCheckNodePort int32
  publishNotReadyAddresses bool
  sessionAffinityConfig SessionAffinityConfig
  ipFamilies [string(v1.IPFamily)]
  ipFamilyPolicy string(v1.IPFamilyPolicy)
  allocateLoadBalancerNodePorts bool
  loadBalancerClass string
  internalTrafficPolicy string(v1.ServiceInternalTrafficPolicy)
  trafficDistribution string

ServicePort
  name string
  protocol string(v1.Protocol)
  appProtocol string
  port int32
  targetPort intstr
  nodePort int32

SessionAffinityConfig
  clientIP ClientIPConfig

ClientIPConfig
  timeoutSeconds int32

ServiceStatus
  loadBalancer LoadBalancerStatus
  conditions [Condition] merge=type

LoadBalancerStatus
  ingress [LoadBalancerIngress]

LoadBalancerIngress
  ip string
  hostname string
  ipMode string(v1.LoadBalancerIPMode)
  ports [PortStatus]

PortStatus
  port int32
  protocol string(v1.Protocol)
  error string

ConfigMap
  ...TypeMeta
  metadata ObjectMeta
  immutable bool
  data {string}
  binaryData {bytes}

Secret
  ...TypeMeta
  metadata ObjectMeta
  immutable bool
  data {bytes}
  stringData {string}
  type string(v1.SecretType)

Namespace
  ...TypeMeta
  metadata ObjectMeta
  spec NamespaceSpec
  status NamespaceStatus

NamespaceSpec
  finalizers [string(v1.FinalizerName)]

NamespaceStatus
  phase string(v1.NamespacePhase)
  conditions [NamespaceCondition] merge=type

NamespaceCondition
  type string(v1.NamespaceConditionType)
  status string(v1.ConditionStatus)
  lastTransitionTime time
  reason string
  message string

EndpointSlice
  ...TypeMeta
  metadata ObjectMeta
  addressType string(v1.AddressType)
  endpoints [Endpoint]
  ports [EndpointPort]

Endpoint
  addresses [string]
  conditions EndpointConditions
  hostname string
  targetRef ObjectReference
  deprecatedTopology {string}
  nodeName string
  zone string
  hints EndpointHints

EndpointConditions
  ready bool
  serving bool
  terminating bool

EndpointHints
  forZones [ForZone]
  forNodes [ForNode]

ForZone
  name string

ForNode
  name string

EndpointPort
  name string
  protocol string(v1.Protocol)
  port int32
  appProtocol string

Endpoints
  ...TypeMeta
  metadata ObjectMeta
  subsets [EndpointSubset]

EndpointSubset
  addresses [EndpointAddress]
  notReadyAddresses [EndpointAddress]
  ports [CoreEndpointPort]

EndpointAddress
  ip string
  hostname string
  nodeName string
  targetRef ObjectReference

CoreEndpointPort go=EndpointPort
  name string
  port int32
  protocol string(v1.Protocol)
  appProtocol string

Event
  ...TypeMeta
  metadata ObjectMeta
  involvedObject ObjectReference
  reason string
  message string
  source EventSource
  firstTimestamp time
  lastTimestamp time
  count int32
  type string
  eventTime time
  series EventSeries
  action string
  related ObjectReference
  reportingComponent string
  reportingInstance string

EventSource
  component string
  host string

EventSeries
  count int32
  lastObservedTime time

Node
  ...TypeMeta
  metadata ObjectMeta
  spec NodeSpec
  status NodeStatus

NodeSpec
  podCIDR string
  podCIDRs [string] merge
  providerID string
  unschedulable bool
  taints [Taint]
  configSource object(v1.NodeConfigSource)
  externalID string

Taint
  key string
  value string
  effect string(v1.TaintEffect)
  timeAdded time

NodeStatus
  capacity {quantity}(v1.ResourceList)
  allocatable {quantity}(v1.ResourceList)
  phase string(v1.NodePhase)
  conditions [NodeCondition] merge=type
  addresses [NodeAddress] merge=type
  daemonEndpoints NodeDaemonEndpoints
  nodeInfo NodeSystemInfo
  images [ContainerImage]
  volumesInUse [string(v1.UniqueVolumeName)]
  volumesAttached [AttachedVolume]
  config any
  runtimeHandlers [any]
  features any
  declaredFeatures [string]

NodeCondition
  type string(v1.NodeConditionType)
  status string(v1.ConditionStatus)
  lastHeartbeatTime time
  lastTransitionTime time
  reason string
  message string

NodeAddress
  type string(v1.NodeAddressType)
  address string

NodeDaemonEndpoints
  kubeletEndpoint DaemonEndpoint

DaemonEndpoint
  Port int32

NodeSystemInfo
  machineID string
  systemUUID string
  bootID string
  kernelVersion string
  osImage string
  containerRuntimeVersion string
  kubeletVersion string
  kubeProxyVersion string
  operatingSystem string
  architecture string
  swap any

ContainerImage
  names [string]
  sizeBytes int64

AttachedVolume
  name string(v1.UniqueVolumeName)
  devicePath string

Listed
  ...TypeMeta
  metadata ObjectMeta
  spec any
  status any

ServiceAccount
  ...TypeMeta
  metadata ObjectMeta
  secrets [ObjectReference] merge=name
  imagePullSecrets [LocalObjectReference]
  automountServiceAccountToken bool

Role
  ...TypeMeta
  metadata ObjectMeta
  rules [any]

ClusterRole
  ...TypeMeta
  metadata ObjectMeta
  rules [any]
  aggregationRule any

RoleBinding
  ...TypeMeta
  metadata ObjectMeta
  subjects [any]
  roleRef any

PriorityClass
  ...TypeMeta
  metadata ObjectMeta
  value int32
  globalDefault bool
  description string
  preemptionPolicy string(v1.PreemptionPolicy)

metadataOnlyObject
  ...TypeMeta
  metadata ObjectMeta

List
  ...TypeMeta
  metadata any
  items [any]
"#;
