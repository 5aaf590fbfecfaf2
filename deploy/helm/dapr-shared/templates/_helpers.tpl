{{/*
Names are fixed, not prefixed with the release name: the webhook configuration must be called
dapr-shared-injector (it has to sort before Dapr's dapr-sidecar-injector), the serving certificate
names the Service, and the cluster-scoped objects make this a one-per-cluster install anyway.
*/}}

{{- define "dapr-shared.selectorLabels" -}}
app.kubernetes.io/name: dapr-shared
app.kubernetes.io/component: injector
{{- end }}

{{- define "dapr-shared.helmLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}

{{- define "dapr-shared.labels" -}}
{{ include "dapr-shared.selectorLabels" . }}
app.kubernetes.io/part-of: dapr-shared
{{ include "dapr-shared.helmLabels" . }}
{{- end }}

{{- define "dapr-shared.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
{{- end }}

{{/* Namespaces the webhook never sees: the system ones, its own, and the user's extra ones. */}}
{{- define "dapr-shared.excludedNamespaces" -}}
{{- $names := list "kube-system" "kube-public" "kube-node-lease" .Release.Namespace -}}
{{- range .Values.webhook.excludedNamespaces -}}
{{- if not (has . $names) -}}{{- $names = append $names . -}}{{- end -}}
{{- end -}}
{{- toJson $names -}}
{{- end }}

{{- define "dapr-shared.tlsMode" -}}
{{- $mode := .Values.tls.mode -}}
{{- if not (has $mode (list "selfManaged" "files" "certManager")) -}}
{{- fail (printf "tls.mode must be selfManaged, files or certManager, not %q" $mode) -}}
{{- end -}}
{{- $mode -}}
{{- end }}

{{/* The Secret the serving certificate is read from in files and certManager modes. */}}
{{- define "dapr-shared.tlsFilesSecret" -}}
{{- if eq .Values.tls.mode "certManager" -}}dapr-shared-injector-serving{{- else -}}{{ required "tls.files.secretName is required when tls.mode is files" .Values.tls.files.secretName }}{{- end -}}
{{- end }}

{{/*
Settings that cannot be environment variables: a label key such as kubernetes.io/os is not a valid
variable name. They go into appsettings.Production.json, which the .NET host reads from its content
root (/app, the image's WORKDIR) before the environment variables.
*/}}
{{- define "dapr-shared.fileSettings" -}}
{{- with .Values.controller.instances.nodeSelector -}}
{{- dict "Controller" (dict "NodeSelector" .) | toPrettyJson -}}
{{- end -}}
{{- end }}
