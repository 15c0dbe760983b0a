//! The root component. A placeholder for now: the title and the example
//! manifest from the Kubernetes "StatefulSet Basics" tutorial in an editor.

use yew::prelude::*;

/// `web.yaml` from the Kubernetes "StatefulSet Basics" tutorial: a headless
/// Service `nginx` and a StatefulSet `web` with two replicas.
pub const WEB_YAML: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
"#;

#[component]
pub fn App() -> Html {
    html! {
        <div class="app">
            <header class="app__header">
                <h1>{ "Ordinal" }</h1>
            </header>
            <section class="app__editor">
                <label for="manifest">{ "web.yaml" }</label>
                <textarea id="manifest" class="editor" spellcheck="false" rows="24"
                    value={WEB_YAML} />
            </section>
        </div>
    }
}
