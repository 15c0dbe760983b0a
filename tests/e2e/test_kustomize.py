"""Folders and kustomize typed into the page's console: the workstation's
files are the session's own, `kubectl apply -k` builds them and the cluster
shows what it made, as on the command line."""

from test_flow import OrdinalCase


class KustomizeTest(OrdinalCase):
    def test_a_kustomization_written_in_the_console_applies(self):
        self.open()
        self.run_cmd("mkdir -p k/base")
        self.run_cmd(
            "printf 'configMapGenerator:\\n- name: cfg\\n  literals:\\n  - MODE=ha\\n' > k/base/kustomization.yaml"
        )
        self.run_cmd("printf 'resources:\\n- base\\nnamePrefix: dev-\\n' > k/kustomization.yaml")
        self.run_cmd("ls -R k")
        self.run_cmd("kubectl apply -k k")
        self.browser.wait_for(
            "document.querySelector('.console__out').textContent.includes('created')",
            message="the apply -k to answer",
        )
        text = self.console_text()
        self.assertIn("k:\nbase  kustomization.yaml", text)
        self.assertIn("k/base:\nkustomization.yaml", text)
        # The generated name carries kustomize's content hash, after the prefix.
        self.assertRegex(text, r"configmap/dev-cfg-[a-z0-9]{10} created")
        self.run_cmd("kubectl get cm -o name | grep dev-cfg")
        # Named once by apply -k, once more by get.
        self.browser.wait_for(
            "document.querySelector('.console__out').textContent.split('configmap/dev-cfg-').length > 2",
            message="the ConfigMap to be listed",
        )
