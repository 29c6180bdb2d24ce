/* sim-supervisor-kinds.c: the Supervisor's catalogue kinds, per release:
 * VirtualMachineClass, VirtualMachineImage and TanzuKubernetesRelease
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Groups, versions, scopes, short names and printer columns as VMware's
 * published CRDs have them (doc/protocols.md, "Sources"): on vSphere 7
 * images are cluster-scoped v1alpha1 objects named after the content
 * library item, with the distribution version in an annotation; on
 * vSphere 8 they are namespaced, with generated names and the item name
 * in status.name. TKRs are v1alpha1 on 7.x and v1alpha3 on 8.0.
 * The schemas here are the simulator's own, written from those field trees.
 */
#define G_LOG_DOMAIN "sim-supervisor-kinds"

#include "sim-server.h"
#include "sim-events.h"
#include "sim-schema-json.h"
#include "sim-tkc.h"

#define CONDITIONS "{\"type\":\"array\",\"items\":" OPEN "}"

/* ---- VirtualMachineClass (vmoperator.vmware.com/v1alpha1, cluster) ---- */

static const SimColumn vm_class_columns[] = {
  { "CPU", "string", ".spec.hardware.cpus", "", 0 },
  { "Memory", "string", ".spec.hardware.memory", "", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimKind vm_classes = {
  .group = "vmoperator.vmware.com",
  .version = "v1alpha1",
  .plural = "virtualmachineclasses",
  .singular = "virtualmachineclass",
  .kind = "VirtualMachineClass",
  .short_names = (const char *const[]){ "vmclass", NULL },
  .namespaced = FALSE,
  .public_read = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .columns = vm_class_columns,
  .schema_name = "com.vmware.vmoperator.v1alpha1.VirtualMachineClass",
  .schema_json
  = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":"
    "\"object\",\"properties\":{\"hardware\":{\"type\":\"object\",\"properties\":{"
    "\"cpus\":{\"type\":\"integer\"},\"memory\":{\"type\":\"string\"},\"devices\":" OPEN
    ",\"instanceStorage\":" OPEN "}},\"policies\":" OPEN ",\"description\":" STRING
    ",\"configSpec\":" OPEN "}},\"status\":" OPEN "}}",
};

/* ---- VirtualMachineClassBinding (namespaced; the VM service, 7.0.2 on) ---- */

static const SimColumn vm_class_binding_columns[] = {
  { "VirtualMachineClass", "string", ".classRef.name", "", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimKind vm_class_bindings = {
  .group = "vmoperator.vmware.com",
  .version = "v1alpha1",
  .plural = "virtualmachineclassbindings",
  .singular = "virtualmachineclassbinding",
  .kind = "VirtualMachineClassBinding",
  .short_names = (const char *const[]){ "vmclassbinding", NULL },
  .namespaced = TRUE,
  .has_generation = TRUE,
  .columns = vm_class_binding_columns,
  .schema_name = "com.vmware.vmoperator.v1alpha1.VirtualMachineClassBinding",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"classRef\":{"
                 "\"type\":\"object\",\"properties\":{\"apiVersion\":" STRING ",\"kind\":" STRING
                 ",\"name\":" STRING "}}}}",
};

/* ---- VirtualMachineImage ---- */

static const SimColumn vmi_v1alpha1_columns[] = {
  { "ContentSourceName", "string", ".spec.providerRef.name", "", 0 },
  { "Version", "string", ".spec.productInfo.version", "", 0 },
  { "OsType", "string", ".spec.osInfo.type", "", 0 },
  { "Format", "string", ".spec.type", "", 0 },
  { "ImageSupported", "boolean", ".status.imageSupported", "", 1 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimKind vmi_v1alpha1 = {
  .group = "vmoperator.vmware.com",
  .version = "v1alpha1",
  .plural = "virtualmachineimages",
  .singular = "virtualmachineimage",
  .kind = "VirtualMachineImage",
  .short_names = (const char *const[]){ "vmimage", NULL },
  .namespaced = FALSE,
  .public_read = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .columns = vmi_v1alpha1_columns,
  .schema_name = "com.vmware.vmoperator.v1alpha1.VirtualMachineImage",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":"
                 "\"object\",\"properties\":{\"type\":" STRING ",\"imageSourceType\":" STRING
                 ",\"imageID\":" STRING ",\"hwVersion\":{\"type\":\"integer\"},\"providerRef\":"
                 "{\"type\":\"object\",\"properties\":{\"apiVersion\":" STRING ",\"kind\":" STRING
                 ",\"name\":" STRING ",\"namespace\":" STRING "}},\"productInfo\":{\"type\":"
                 "\"object\",\"properties\":{\"product\":" STRING ",\"vendor\":" STRING
                 ",\"version\":" STRING ",\"fullVersion\":" STRING "}},\"osInfo\":{\"type\":"
                 "\"object\",\"properties\":{\"type\":" STRING ",\"version\":" STRING "}},"
                 "\"ovfEnv\":" OPEN "}},\"status\":{\"type\":\"object\",\"properties\":{"
                 "\"imageName\":" STRING ",\"imageSupported\":{\"type\":\"boolean\"},"
                 "\"uuid\":" STRING ",\"internalId\":" STRING ",\"powerState\":" STRING
                 ",\"contentVersion\":" STRING ",\"firmware\":" STRING
                 ",\"contentLibraryRef\":" OPEN ",\"conditions\":" CONDITIONS "}}}}",
};

static const SimColumn vmi_v1alpha2_columns[] = {
  { "Display Name", "string", ".status.name", "", 0 },
  { "Image Version", "string", ".status.productInfo.version", "", 0 },
  { "OS Name", "string", ".status.osInfo.type", "", 0 },
  { "OS Version", "string", ".status.osInfo.version", "", 0 },
  { "Hardware Version", "string", ".status.hardwareVersion", "", 0 },
  { "Capabilities", "string", ".status.capabilities", "", 0 },
  { NULL },
};

static const SimKind vmi_v1alpha2 = {
  .group = "vmoperator.vmware.com",
  .version = "v1alpha2",
  .plural = "virtualmachineimages",
  .singular = "virtualmachineimage",
  .kind = "VirtualMachineImage",
  .short_names = (const char *const[]){ "vmi", "vmimage", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .columns = vmi_v1alpha2_columns,
  .schema_name = "com.vmware.vmoperator.v1alpha2.VirtualMachineImage",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":"
                 "\"object\",\"properties\":{\"providerRef\":{\"type\":\"object\",\"properties\":{"
                 "\"apiVersion\":" STRING ",\"kind\":" STRING ",\"name\":" STRING "}}}},"
                 "\"status\":{\"type\":\"object\",\"properties\":{\"name\":" STRING
                 ",\"productInfo\":" OPEN ",\"osInfo\":" OPEN ",\"firmware\":" STRING
                 ",\"hardwareVersion\":{\"type\":\"integer\"},\"capabilities\":{\"type\":\"array\","
                 "\"items\":" STRING "},\"ovfProperties\":{\"type\":\"array\",\"items\":" OPEN "},"
                 "\"vmwareSystemProperties\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
                 "\"properties\":{\"key\":" STRING ",\"value\":" STRING "}}},"
                 "\"providerContentVersion\":" STRING ",\"providerItemID\":" STRING
                 ",\"conditions\":" CONDITIONS "}}}}",
};

/* ---- TanzuKubernetesRelease (run.tanzu.vmware.com, cluster) ---- */

static const SimColumn tkr_v1alpha1_columns[] = {
  { "Version", "string", ".spec.version", "", 0 },
  { "Compatible", "string", ".status.conditions[?(@.type=='Compatible')].status", "", 0 },
  { "Created", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimColumn tkr_v1alpha3_columns[] = {
  { "Version", "string", ".spec.version", "", 0 },
  { "Ready", "string", ".status.conditions[?(@.type=='Ready')].status", "", 0 },
  { "Compatible", "string", ".status.conditions[?(@.type=='Compatible')].status", "", 0 },
  { "Created", "date", ".metadata.creationTimestamp", "", 0 },
  { NULL },
};

static const SimKind tkr_v1alpha1 = {
  .group = "run.tanzu.vmware.com",
  .version = "v1alpha1",
  .plural = "tanzukubernetesreleases",
  .singular = "tanzukubernetesrelease",
  .kind = "TanzuKubernetesRelease",
  .short_names = (const char *const[]){ "tkr", NULL },
  .namespaced = FALSE,
  .public_read = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .columns = tkr_v1alpha1_columns,
  .schema_name = "com.vmware.run.v1alpha1.TanzuKubernetesRelease",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":"
                 "\"object\",\"properties\":{\"version\":" STRING ",\"kubernetesVersion\":" STRING
                 ",\"repository\":" STRING ",\"images\":{\"type\":\"array\",\"items\":" OPEN "},"
                 "\"nodeImageRef\":" OPEN "}},\"status\":{\"type\":\"object\",\"properties\":{"
                 "\"conditions\":" CONDITIONS "}}}}",
};

static const SimKind tkr_v1alpha3 = {
  .group = "run.tanzu.vmware.com",
  .version = "v1alpha3",
  .plural = "tanzukubernetesreleases",
  .singular = "tanzukubernetesrelease",
  .kind = "TanzuKubernetesRelease",
  .short_names = (const char *const[]){ "tkr", NULL },
  .namespaced = FALSE,
  .public_read = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .columns = tkr_v1alpha3_columns,
  .schema_name = "com.vmware.run.v1alpha3.TanzuKubernetesRelease",
  .schema_json = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":"
                 "\"object\",\"properties\":{\"version\":" STRING ",\"kubernetes\":" OPEN
                 ",\"osImages\":{\"type\":\"array\",\"items\":" OPEN "},\"bootstrapPackages\":"
                 "{\"type\":\"array\",\"items\":" OPEN "}}},\"status\":{\"type\":\"object\","
                 "\"properties\":{\"conditions\":" CONDITIONS "}}}}",
};

/* ---- Cluster (cluster.x-k8s.io/v1beta1, namespaced; vSphere 8 only) ---- */

static const SimColumn cluster_columns[] = {
  { "ClusterClass", "string", ".spec.topology.class", "", 0 },
  { "Phase", "string", ".status.phase", "", 0 },
  { "Age", "date", ".metadata.creationTimestamp", "", 0 },
  { "Version", "string", ".spec.topology.version", "", 0 },
  { NULL },
};

/* Listed for clients that show v1beta1 clusters; the simulator does not
 * provision them (TanzuKubernetesCluster is its cluster API). */
static const SimKind capi_clusters = {
  .group = "cluster.x-k8s.io",
  .version = "v1beta1",
  .plural = "clusters",
  .singular = "cluster",
  .kind = "Cluster",
  .short_names = (const char *const[]){ "cl", NULL },
  .categories = (const char *const[]){ "cluster-api", NULL },
  .namespaced = TRUE,
  .has_status = TRUE,
  .has_generation = TRUE,
  .columns = cluster_columns,
  .schema_name = "io.x-k8s.cluster.v1beta1.Cluster",
  .schema_json
  = "{\"type\":\"object\",\"properties\":{" TYPE_META "," META ",\"spec\":{\"type\":"
    "\"object\",\"properties\":{\"clusterNetwork\":" OPEN ",\"topology\":{\"type\":"
    "\"object\",\"properties\":{\"class\":" STRING ",\"version\":" STRING ",\"controlPlane\":" OPEN
    ",\"workers\":" OPEN ",\"variables\":{\"type\":\"array\","
    "\"items\":" OPEN "}}},\"paused\":{\"type\":\"boolean\"},\"controlPlaneEndpoint\":" OPEN
    ",\"controlPlaneRef\":" OPEN ",\"infrastructureRef\":" OPEN "}},\"status\":" OPEN "}}",
};

static gboolean
is_vsphere_8 (SimServer *self)
{
  return sim_server_is_vsphere_8 (self);
}

void
sim_register_supervisor_kinds (SimServer *self)
{
  gboolean v8 = is_vsphere_8 (self);

  sim_register_event_kinds (self);
  sim_register_namespace_access_kinds (self);
  sim_server_register_kind (self, &vm_classes);
  if (sim_server_has_vm_service (self))
    sim_server_register_kind (self, &vm_class_bindings);
  sim_server_register_kind (self, v8 ? &vmi_v1alpha2 : &vmi_v1alpha1);
  sim_server_register_kind (self, v8 ? &tkr_v1alpha3 : &tkr_v1alpha1);
  sim_server_register_kind (self, sim_tkg_service_configuration_kind (self));
  sim_tkc_register (self);
  if (v8)
    sim_server_register_kind (self, &capi_clusters);
}
